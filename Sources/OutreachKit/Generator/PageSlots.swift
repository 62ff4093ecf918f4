/// A run's planned pages, kept in blocks: the list grows a block at a time, never copying what
/// it holds, and ``PageSlots`` takes it over a block at a time.
///
/// One array doubled as it grew, so at 100,000 pages it held room for 131,072 and, while it grew,
/// both its old and new storage; the slots were then a copy of it. At their peak the pages took
/// three times their own size (about 10 MB at 100,000 pages, 3.2 MB now).
typealias PlannedPages = BlockList<PlannedPage>

/// A list kept in blocks of ``blockSize`` elements, appended to one at a time.
struct BlockList<Element>: RandomAccessCollection {
    let blockSize: Int
    private var blocks: [[Element]] = []

    init(blockSize: Int = 4096) {
        precondition(blockSize > 0)
        self.blockSize = blockSize
    }

    var startIndex: Int { 0 }
    var endIndex: Int { blocks.isEmpty ? 0 : (blocks.count - 1) * blockSize + blocks[blocks.count - 1].count }

    subscript(index: Int) -> Element { blocks[index / blockSize][index % blockSize] }

    mutating func append(_ element: Element) {
        if blocks.isEmpty || blocks[blocks.count - 1].count == blockSize {
            blocks.append([])
            blocks[blocks.count - 1].reserveCapacity(blockSize)
        }
        blocks[blocks.count - 1].append(element)
    }

    static func += <Elements: Sequence<Element>>(list: inout BlockList, elements: Elements) {
        for element in elements { list.append(element) }
    }

    /// Hands each block to `body` in order, letting it go as soon as `body` returns; the list is then empty.
    mutating func takeBlocks(_ body: ([Element]) -> Void) {
        for index in blocks.indices {
            let block = blocks[index]
            blocks[index] = []
            body(block)
        }
        blocks = []
    }
}

extension BlockList: Sendable where Element: Sendable {}

/// A run's pages, each let go as soon as it is rendered: the pages still waiting and the
/// outputs already staged are never all held at once.
///
/// Tasks take disjoint ranges of indices, each index once, so no two threads touch one slot.
final class PageSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<PlannedPage?>

    /// Takes the pages over block by block, each block let go once it is copied.
    init(_ pages: consuming PlannedPages) {
        slots = .allocate(capacity: pages.count)
        var index = 0
        pages.takeBlocks { block in
            for page in block {
                (slots.baseAddress! + index).initialize(to: page)
                index += 1
            }
        }
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    var count: Int { slots.count }

    /// The page at `index`, not taken; nil once it has been.
    subscript(index: Int) -> PlannedPage? { slots[index] }

    /// The number of outputs the pages make (external formats can make more).
    var outputCount: Int { slots.reduce(0) { $0 + ($1?.renderers.count ?? 0) } }

    /// Takes the page at `index`, leaving its slot empty, and makes it for its rendering.
    func take(_ index: Int) -> Page? {
        let page = slots[index]
        slots[index] = nil
        // Every few thousand pages, what the pages and their layouts freed is given back, so the staged
        // outputs that grow meanwhile do not add to it. (A rerun of 100,000 materials peaked about 25 MB lower.)
        if index % 8192 == 8191 { FreedMemory.giveBack() }
        return page.map(Page.init)
    }
}
