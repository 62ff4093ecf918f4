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
    /// Contexts kept per kind of key; more than 64 (which no built-in renderer reaches) starts over.
    static let limit = 64

    private let lock = NSLock()
    /// One table per kind of key, found by the key's type. A section meets a few contexts of a
    /// few kinds, so each is searched in order: a lookup is a few comparisons of the key's own
    /// type. It was a dictionary of `AnyHashable`, whose boxing, hashing and casts were about 8% of
    /// a run's CPU at 10,000 materials.
    private var tables: [(kind: ObjectIdentifier, table: AnyObject)] = []

    private final class Table<Key: SectionShareKey> {
        var entries: [(key: Key, value: Key.Value)] = []
    }

    /// The value made for `key`, made now by `make` when it has not been. Two threads that make
    /// the same one at once both make it, and the first kept is the one every later call gets.
    func value<Key: SectionShareKey>(for key: Key, make: () -> Key.Value) -> Key.Value {
        if let known = lock.withLock({ table(for: Key.self)?.entries.first(where: { $0.key == key })?.value }) { return known }
        let made = make()
        return lock.withLock {
            let table: Table<Key>
            if let existing = self.table(for: Key.self) { table = existing } else {
                table = Table<Key>()
                tables.append((ObjectIdentifier(Key.self), table))
            }
            if let kept = table.entries.first(where: { $0.key == key }) { return kept.value }
            if table.entries.count >= Self.limit { table.entries.removeAll(keepingCapacity: true) }
            table.entries.append((key, made))
            return made
        }
    }

    /// The table for keys of type `Key`; call with the lock held.
    private func table<Key: SectionShareKey>(for _: Key.Type) -> Table<Key>? {
        let kind = ObjectIdentifier(Key.self)
        for entry in tables where entry.kind == kind {
            // Each table is filed under its own key type's identifier when it is made.
            return unsafeDowncast(entry.table, to: Table<Key>.self)
        }
        return nil
    }
}

/// A kind of context a shared section's value is made for, and the type of that value: each
/// writer has its own (the headings fixed after a level, the digest, the text of each format).
protocol SectionShareKey: Hashable, Sendable {
    associatedtype Value: Sendable
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
