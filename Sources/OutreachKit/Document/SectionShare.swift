import Foundation

/// What is made from one shared section, by the context it is made in: its
/// headings placed after a given level, its digest, its text in each format.
///
/// A kit places the same few messages, agencies and reporting contacts on
/// thousands of pages. Once a run shares a section among them
/// (``SectionInterner``), each renderer writes it once per context (the heading
/// level before it, the text width, the locale) and every other page copies the
/// text. A section holds its share only while it is unchanged, so a value made
/// here always belongs to the section's current blocks. Any thread may use it.
final class SectionShare: @unchecked Sendable {
    /// Contexts kept per section; more than 64 (which no built-in renderer reaches) starts over.
    private let values = MemoTable<AnyHashable, any Sendable>(limit: 64)

    /// The value made for `key`, made now by `make` when it has not been. Each writer's keys are
    /// of its own type, so a key's value is always of the type its writer makes.
    func value<Value: Sendable>(for key: AnyHashable, make: () -> Value) -> Value {
        values.value(for: key) { make() } as? Value ?? make()
    }
}

/// A run's shared sections: equal sections laid out for different pages become
/// one, so what is made from it is made once (``SectionShare``). The table holds
/// one section per distinct value, so it grows with the content (messages,
/// agencies, partners' contacts), not with the number of materials; past its
/// limit it starts over. Any thread may use it.
final class SectionInterner: @unchecked Sendable {
    private let lock = NSLock()
    private var sections: Set<Keyed> = []
    private let limit: Int

    /// At most `limit` sections. A 4 KB message's section with what three formats make from it is
    /// about 35 KB (an estimate, not measured), so 1,024 of them, as a kit with many partners' own
    /// contacts in many locales may make, would be about 35 MB.
    init(limit: Int = 1024) {
        self.limit = limit
    }

    /// How many sections the table holds.
    var count: Int { lock.withLock { sections.count } }

    /// The document with each of its top-level sections replaced by the run's shared equal one.
    func sharing(_ document: Document) -> Document {
        guard document.blocks.contains(where: \.isSection) else { return document }
        var document = document
        document.blocks = document.blocks.map { block in
            guard case .section(let section) = block, section.share == nil else { return block }
            return .section(shared(section))
        }
        return document
    }

    /// The run's section equal to `section`, which shares what is made from it.
    func shared(_ section: Section) -> Section {
        // Hashed outside the lock, so the other jobs wait only for the lookup.
        var candidate = Keyed(hash: section.hashValue, section: section)
        candidate.section.share = SectionShare()
        return lock.withLock {
            if sections.count >= limit { sections.removeAll(keepingCapacity: true) }
            return sections.insert(candidate).memberAfterInsert.section
        }
    }

    /// A section with its hash, taken once.
    private struct Keyed: Hashable {
        let hash: Int
        var section: Section

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
        static func == (lhs: Keyed, rhs: Keyed) -> Bool { lhs.hash == rhs.hash && lhs.section == rhs.section }
    }
}
