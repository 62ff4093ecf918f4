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
                    guard let share = section.share else {
                        section.blocks = fix(section.blocks)
                        return .section(section)
                    }
                    // A shared section is placed after the same level on many pages: fixed once per level.
                    let entering = previous
                    let (fixed, leaving) = share.value(for: NormalizedKey(previous: entering)) { () -> (Section, Int) in
                        section.blocks = fix(section.blocks)
                        section.share = SectionShare()
                        return (section, previous)
                    }
                    previous = leaving
                    return .section(fixed)
                default: return block
                }
            }
        }
        return Document(metadata: metadata, blocks: fix(blocks))
    }
}

/// The key of a shared section's headings fixed after a heading of level `previous`.
private struct NormalizedKey: SectionShareKey {
    typealias Value = (Section, Int)
    let previous: Int
}
