extension Document {
    /// A digest of everything in the document, the same in every process.
    ///
    /// Walks the tree directly: encoding it as JSON first costs more than
    /// rendering some formats.
    var digest: StableHash {
        var hash = StableHash()
        let meta = metadata
        for field in [meta.title, meta.subtitle, meta.locale, meta.audience, meta.date, meta.sourceNote, meta.material, meta.layout] {
            hash.add(field ?? "\u{0}")
        }
        for block in blocks { block.digest(into: &hash) }
        return hash
    }
}

extension Block {
    func digest(into hash: inout StableHash) {
        switch self {
        case .heading(let level, let content):
            hash.add("h\(level)")
            for inline in content { inline.digest(into: &hash) }
        case .paragraph(let content):
            hash.add("p")
            for inline in content { inline.digest(into: &hash) }
        case .list(let ordered, let items):
            hash.add(ordered ? "ol\(items.count)" : "ul\(items.count)")
            for item in items {
                hash.add("li\(item.count)")
                for block in item { block.digest(into: &hash) }
            }
        case .quote(let blocks):
            hash.add("q\(blocks.count)")
            for block in blocks { block.digest(into: &hash) }
        case .code(let text):
            hash.add("c")
            hash.add(text)
        case .table(let header, let rows):
            hash.add("t\(header.count) \(rows.count)")
            for cell in header + rows.flatMap({ $0 }) {
                hash.add("td\(cell.count)")
                for inline in cell { inline.digest(into: &hash) }
            }
        case .callout(let callout):
            hash.add("co \(callout.kind.rawValue) \(callout.blocks.count)")
            hash.add(callout.title ?? "\u{0}")
            for block in callout.blocks { block.digest(into: &hash) }
        case .contactCard(let card):
            hash.add("cc \(card.entries.count) \(card.notes.count)")
            hash.add(card.name)
            for entry in card.entries {
                hash.add(entry.label)
                hash.add(entry.value)
                hash.add(entry.url ?? "\u{0}")
            }
            for note in card.notes {
                hash.add("n\(note.count)")
                for inline in note { inline.digest(into: &hash) }
            }
        case .factList(let facts):
            hash.add("f\(facts.count)")
            for fact in facts {
                hash.add(fact.figure)
                hash.add("fl\(fact.label.count)")
                for inline in fact.label { inline.digest(into: &hash) }
            }
        case .thematicBreak:
            hash.add("hr")
        }
    }
}

extension Inline {
    func digest(into hash: inout StableHash) {
        switch self {
        case .text(let text):
            hash.add("t")
            hash.add(text)
        case .code(let text):
            hash.add("c")
            hash.add(text)
        case .emphasis(let content):
            hash.add("em\(content.count)")
            for inline in content { inline.digest(into: &hash) }
        case .strong(let content):
            hash.add("st\(content.count)")
            for inline in content { inline.digest(into: &hash) }
        case .link(let url, let content):
            hash.add("a\(content.count)")
            hash.add(url)
            for inline in content { inline.digest(into: &hash) }
        case .lineBreak:
            hash.add("br")
        case .softBreak:
            hash.add("sb")
        }
    }
}
