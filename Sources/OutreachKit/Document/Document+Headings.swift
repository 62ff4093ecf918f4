extension Document {
    /// The document with heading levels that never skip: each is at most one
    /// deeper than the one before it, and none is above level 2 (the title is 1).
    package func normalizedHeadings() -> Document {
        var previous = 1
        func fix(_ blocks: [Block]) -> [Block] {
            blocks.map { block in
                switch block {
                case .heading(let level, let content):
                    let fixed = min(max(level, 2), previous + 1)
                    previous = fixed
                    return .heading(level: fixed, content: content)
                case .quote(let inner): return .quote(fix(inner))
                case .list(let ordered, let items): return .list(ordered: ordered, items: items.map(fix))
                case .callout(var callout):
                    callout.blocks = fix(callout.blocks)
                    return .callout(callout)
                case .section(var section):
                    section.blocks = fix(section.blocks)
                    return .section(section)
                default: return block
                }
            }
        }
        return Document(metadata: metadata, blocks: fix(blocks))
    }
}
