import Foundation
internal import CYaml
internal import Yams

/// Builds the node tree of plain YAML straight from libyaml's events: the tree
/// `Yams.compose(yaml:, .basic)` builds, at a fraction of its cost.
///
/// Yams allocates an object per event and a tag per node, and finds duplicate
/// keys by hashing every key node; on a manifest of 10,000 materials that took
/// a third of a rerun. This composer takes only what outreach's files hold:
/// one document of mappings, lists and scalars with scalar keys. Anything else
/// (an anchor or alias, an explicit tag, a key that is not a scalar, a repeated
/// key, nesting deeper than ``YAMLBudget/maximumDepth``, a syntax error, an empty
/// or multi-document stream) makes it answer nil, and the caller checks the text
/// with ``YAMLBudget`` and composes it with Yams, which gives its usual result or
/// error. So the tree, and every diagnostic, is the same either way. A text it
/// takes is within ``YAMLBudget`` by construction: no aliases, and no deeper nesting.
enum YAMLComposer {
    /// Resolved tags, one set for each item of the top-level lists and mappings and shared by the
    /// nodes inside it. (Yams makes a tag per node. One set for the whole tree would be cheaper
    /// still, but threads that read different materials at once would then all count references on
    /// the same objects, which made reading them slower than composing them.) A resolved tag is
    /// never written again, and outreach reads no node's tag.
    private final class Tags {
        let string = Tag(.str, .basic, YAMLComposer.constructor.value)
        let list = Tag(.seq, .basic, YAMLComposer.constructor.value)
        let mapping = Tag(.map, .basic, YAMLComposer.constructor.value)
    }
    /// One constructor for every tag, as Yams's parser shares one (`Constructor.default` makes a new one each time).
    private static let constructor = UncheckedSendable(Constructor.default)

    /// Yams's `Mark` has no public initializer; it is two `Int`s, line then column, so one is
    /// made from a pair of them. Checked once against what it reads back: if Yams ever lays
    /// `Mark` out differently, the composer is not used at all.
    private static func mark(line: Int, column: Int) -> Mark {
        unsafeBitCast((line, column), to: Mark.self)
    }

    private static let marksAreSound: Bool = {
        guard MemoryLayout<Mark>.size == MemoryLayout<(Int, Int)>.size,
              MemoryLayout<Mark>.alignment == MemoryLayout<(Int, Int)>.alignment else { return false }
        let probe = mark(line: 12345, column: 678)
        return probe.line == 12345 && probe.column == 678
    }()

    /// The single document of `text`, or nil when it needs Yams (see above).
    ///
    /// With `divert`, each item of the list under the top-level mapping's key `divert.key` is
    /// given to `divert.take` as soon as it is composed, and left out of the tree (the list
    /// stays, empty): so a manifest's materials are read as they are parsed, and the tree of
    /// 100,000 of them is never held whole. Items are given before the whole text is known to be
    /// one the composer takes; when it answers nil, the caller must drop what it was given.
    ///
    /// `divert.take` is also given the byte offset in `text` where the item's line starts, when only
    /// spaces and `-` come before the item on that line: where ``composeItem(readingFrom:at:)`` can
    /// read it again from the file.
    static func compose(_ text: String, divert: (key: String, take: (Node, Int?) -> Void)? = nil) -> Node? {
        guard marksAreSound else { return nil }
        var text = text
        return text.withUTF8 { bytes -> Node? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var reader = Reader(divert: divert, lines: LineCursor(bytes: bytes))
            return withUnsafeMutablePointer(to: &parser) { reader.document($0) }
        }
    }

    /// ``compose(_:divert:)`` of the file `feed` reads, as libyaml asks for its bytes: the text is
    /// never held whole. Nil also when the feed stopped (the file is not plain text, or could not be
    /// read): then the caller reads the file whole and composes that, which reports what is wrong.
    static func compose(reading feed: ManifestFeed, divert: (key: String, take: (Node, Int?) -> Void)?) -> Node? {
        guard marksAreSound else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        return withExtendedLifetime(feed) {
            yaml_parser_set_input(&parser, { context, buffer, size, read in
                guard let context, let buffer, let read else { return 0 }
                let feed = Unmanaged<ManifestFeed>.fromOpaque(context).takeUnretainedValue()
                guard let count = feed.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size)) else { return 0 }
                read.pointee = count
                return 1
            }, Unmanaged.passUnretained(feed).toOpaque())
            var reader = Reader(divert: divert, lines: LineCursor(file: feed.descriptor))
            let node = withUnsafeMutablePointer(to: &parser) { reader.document($0) }
            return feed.isWhole ? node : nil
        }
    }

    /// The mapping that starts the YAML read from the open file `descriptor` at byte `offset`, after
    /// any `-` of the lists it is an item of; nil when there is none or it needs Yams. The file is read
    /// only as far as the mapping's end (and libyaml's read-ahead), however long it is.
    ///
    /// Its marks count lines from `offset`'s line as line 1; columns are the file's when `offset` is where a line starts.
    static func composeItem(readingFrom descriptor: Int32, at offset: Int) -> Node? {
        guard marksAreSound, offset >= 0 else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        let feed = FileFeed(descriptor: descriptor, offset: offset)
        return withExtendedLifetime(feed) {
            yaml_parser_set_input(&parser, { context, buffer, size, read in
                guard let context, let buffer, let read else { return 0 }
                let feed = Unmanaged<FileFeed>.fromOpaque(context).takeUnretainedValue()
                let count = pread(feed.descriptor, buffer, size, off_t(feed.offset))
                guard count >= 0 else { return 0 }
                feed.offset += count
                read.pointee = count
                return 1
            }, Unmanaged.passUnretained(feed).toOpaque())
            var reader = Reader(divert: nil, lines: nil)
            return withUnsafeMutablePointer(to: &parser) { reader.item($0) }
        }
    }

    /// Where libyaml's read handler is in a file.
    private final class FileFeed {
        let descriptor: Int32
        var offset: Int

        init(descriptor: Int32, offset: Int) {
            self.descriptor = descriptor
            self.offset = offset
        }
    }

    /// Finds where lines start in the text being composed, moving only forward: the items it is
    /// asked about come in order. Lines break where libyaml breaks them in a text that
    /// ``InputText/plainText(_:)`` takes: at a line feed, U+2028 and U+2029.
    ///
    /// It reads the text in memory, or a file a block at a time, each byte once as it moves on.
    struct LineCursor {
        private let memory: UnsafeBufferPointer<UInt8>?
        private let descriptor: Int32
        /// A block of the file, from `windowStart`.
        private var window: [UInt8] = []
        private var windowStart = 0
        private var line = 0
        private var start = 0
        static let blockSize = 64 << 10

        init(bytes: UnsafeBufferPointer<UInt8>) {
            memory = bytes
            descriptor = -1
        }

        /// A cursor over the open file `descriptor`, read with `pread`.
        init(file descriptor: Int32) {
            memory = nil
            self.descriptor = descriptor
        }

        /// The byte at `index`; nil past the end.
        private mutating func byte(_ index: Int) -> UInt8? {
            if let memory { return index < memory.count ? memory[index] : nil }
            if index < windowStart || index >= windowStart + window.count {
                window = [UInt8](unsafeUninitializedCapacity: Self.blockSize) { buffer, count in
                    count = max(0, pread(descriptor, buffer.baseAddress, Self.blockSize, off_t(index)))
                }
                windowStart = index
                guard !window.isEmpty else { return nil }
            }
            return window[index - windowStart]
        }

        /// The offset where `line` (0-based) starts, when only spaces and `-` fill its first `column`
        /// characters; nil otherwise, or when `line` is behind the cursor.
        mutating func plainStart(line wanted: Int, column: Int) -> Int? {
            guard wanted >= line else { return nil }
            var index = start
            while line < wanted {
                guard let byte = byte(index) else { return nil }
                if byte == 0x0A {
                    index += 1
                    line += 1
                    start = index
                } else if byte == 0xE2, self.byte(index + 1) == 0x80, let third = self.byte(index + 2), third == 0xA8 || third == 0xA9 {
                    index += 3
                    line += 1
                    start = index
                } else {
                    index += 1
                }
            }
            guard column >= 0 else { return nil }
            for index in start..<(start + column) {
                guard let byte = byte(index), byte == 0x20 || byte == 0x2D else { return nil }
            }
            return start
        }
    }

    /// A mapping's keys so far: compared one by one while there are few (most mappings have a
    /// handful of keys, and hashing each cost more than comparing), then in a set.
    private struct Keys {
        private var few: [String] = []
        private var many: Set<String>?

        /// Adds `key`; false when the mapping already has it.
        mutating func insert(_ key: String) -> Bool {
            if many != nil { return many!.insert(key).inserted }
            if few.contains(key) { return false }
            few.append(key)
            if few.count > 16 { many = Set(few) }
            return true
        }
    }

    /// One pass over the events, with an event buffer reused for all of them.
    private struct Reader {
        var event = yaml_event_t()
        var tags = Tags()
        let divert: (key: String, take: (Node, Int?) -> Void)?
        var lines: LineCursor?

        init(divert: (key: String, take: (Node, Int?) -> Void)?, lines: LineCursor?) {
            self.divert = divert
            self.lines = lines
        }

        /// The next event's type, or nil on a syntax error.
        private mutating func next(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> yaml_event_type_t? {
            yaml_event_delete(&event)
            guard yaml_parser_parse(parser, &event) == 1 else {
                event = yaml_event_t()
                return nil
            }
            return event.type
        }

        mutating func document(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> Node? {
            defer { yaml_event_delete(&event) }
            guard next(parser) == YAML_STREAM_START_EVENT, next(parser) == YAML_DOCUMENT_START_EVENT,
                  let type = next(parser), let root = node(type, parser, depth: 0),
                  next(parser) == YAML_DOCUMENT_END_EVENT, next(parser) == YAML_STREAM_END_EVENT else { return nil }
            return root
        }

        /// The first mapping of the stream, inside any lists (the `-` before it), composed as an item of a manifest's list.
        mutating func item(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> Node? {
            defer { yaml_event_delete(&event) }
            guard next(parser) == YAML_STREAM_START_EVENT, next(parser) == YAML_DOCUMENT_START_EVENT else { return nil }
            while let type = next(parser) {
                if type == YAML_SEQUENCE_START_EVENT { continue }
                return type == YAML_MAPPING_START_EVENT ? node(type, parser, depth: 2) : nil
            }
            return nil
        }

        private var mark: Mark { YAMLComposer.mark(line: event.start_mark.line + 1, column: event.start_mark.column + 1) }

        /// The node that starts with the current event, of `type`, `depth` collections down.
        /// With `diverted`, a list's items go to ``divert`` instead of into the list.
        private mutating func node(_ type: yaml_event_type_t, _ parser: UnsafeMutablePointer<yaml_parser_t>, depth: Int,
                                   diverted: Bool = false) -> Node? {
            switch type {
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                guard scalar.anchor == nil, scalar.tag == nil,
                      let style = Node.Scalar.Style(rawValue: numericCast(scalar.style.rawValue)) else { return nil }
                let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                return .scalar(Node.Scalar(value, tags.string, style, mark))
            case YAML_SEQUENCE_START_EVENT:
                let start = event.data.sequence_start
                guard start.anchor == nil, start.implicit != 0, depth < YAMLBudget.maximumDepth else { return nil }
                let at = mark
                if depth == 2 { tags = Tags() }
                let own = tags
                var items: [Node] = []
                while true {
                    guard let type = next(parser) else { return nil }
                    if type == YAML_SEQUENCE_END_EVENT { break }
                    guard let item = node(type, parser, depth: depth + 1) else { return nil }
                    if diverted, let divert {
                        let offset = item.mark.flatMap { lines?.plainStart(line: $0.line - 1, column: $0.column - 1) }
                        divert.take(item, offset)
                    } else { items.append(item) }
                }
                // Yams reads a collection's style from its end event, as here, so the trees are the same.
                guard let style = Node.Sequence.Style(rawValue: numericCast(event.data.sequence_start.style.rawValue)) else { return nil }
                return .sequence(Node.Sequence(items, own.list, style, at))
            case YAML_MAPPING_START_EVENT:
                let start = event.data.mapping_start
                guard start.anchor == nil, start.implicit != 0, depth < YAMLBudget.maximumDepth else { return nil }
                let at = mark
                if depth == 2 { tags = Tags() }
                let own = tags
                var pairs: [(Node, Node)] = []
                var keys = Keys()
                while true {
                    guard let type = next(parser) else { return nil }
                    if type == YAML_MAPPING_END_EVENT { break }
                    guard type == YAML_SCALAR_EVENT, let key = node(type, parser, depth: depth + 1), let name = key.scalar?.string,
                          keys.insert(name), let valueType = next(parser),
                          let value = node(valueType, parser, depth: depth + 1, diverted: depth == 0 && name == divert?.key)
                    else { return nil }
                    pairs.append((key, value))
                }
                guard let style = Node.Mapping.Style(rawValue: numericCast(event.data.mapping_start.style.rawValue)) else { return nil }
                return .mapping(Node.Mapping(pairs, own.mapping, style, at))
            default:
                return nil
            }
        }
    }
}

extension YAMLComposer {
    /// For tests: nil when the composer declines `text` or builds the tree Yams builds (every
    /// node's kind, position, style, scalar text and order); else where the two first differ.
    static func differenceFromYams(_ text: String) -> String? {
        guard let fast = compose(text) else { return nil }
        guard let slow = try? Yams.compose(yaml: text, .basic) else { return "Yams refuses what the composer took" }
        return difference(fast, slow, at: "$")
    }

    private static func difference(_ fast: Node, _ slow: Node, at path: String) -> String? {
        guard fast.mark?.line == slow.mark?.line, fast.mark?.column == slow.mark?.column else {
            return "\(path): at \(fast.mark.map(String.init(describing:)) ?? "-"), Yams \(slow.mark.map(String.init(describing:)) ?? "-")"
        }
        switch (fast, slow) {
        case let (.scalar(mine), .scalar(theirs)):
            guard mine.string == theirs.string, mine.style == theirs.style else {
                return "\(path): \(mine.string.debugDescription) (\(mine.style)), Yams \(theirs.string.debugDescription) (\(theirs.style))"
            }
            return nil
        case let (.sequence(mine), .sequence(theirs)):
            guard mine.count == theirs.count, mine.style == theirs.style else { return "\(path): list of \(mine.count), Yams \(theirs.count)" }
            for (index, (item, other)) in zip(mine, theirs).enumerated() {
                if let found = difference(item, other, at: "\(path)[\(index)]") { return found }
            }
            return nil
        case let (.mapping(mine), .mapping(theirs)):
            guard mine.count == theirs.count, mine.style == theirs.style else { return "\(path): mapping of \(mine.count), Yams \(theirs.count)" }
            for (index, (pair, other)) in zip(mine, theirs).enumerated() {
                if let found = difference(pair.key, other.key, at: "\(path).key\(index)") ?? difference(pair.value, other.value, at: "\(path).\(index)") {
                    return found
                }
            }
            return nil
        default:
            return "\(path): a different kind of node"
        }
    }
}
