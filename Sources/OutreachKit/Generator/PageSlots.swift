/// A run's pages, each let go as soon as it is rendered: the pages still waiting and the
/// outputs already staged are never all held at once.
///
/// Tasks take disjoint ranges of indices, each index once, so no two threads touch one slot.
final class PageSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<PlannedPage?>

    init(_ pages: [PlannedPage]) {
        slots = .allocate(capacity: pages.count)
        for (index, page) in pages.enumerated() { (slots.baseAddress! + index).initialize(to: page) }
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
