/// How the Markdown and plain-text writers join a document's blocks with a blank line between
/// them, taking each shared section's text from its share (``SectionShare``) and writing the
/// blocks between shared sections in runs.
enum SectionChunks {
    /// Some blocks' lines joined by line feeds, and whether there was any line.
    struct Chunk: Sendable {
        let text: String
        let hasLines: Bool

        init(_ lines: [String]) {
            text = lines.joinedAsLines
            hasLines = !lines.isEmpty
        }
    }

    /// The chunks of `blocks` joined by a blank line: `run` writes the blocks between shared
    /// sections, `shared` a section with a share; a chunk without lines adds nothing.
    static func join(_ blocks: [Block], run: ([Block]) -> Chunk, shared: (Section, SectionShare) -> Chunk) -> String {
        var out = ""
        var written = false
        func add(_ chunk: Chunk) {
            guard chunk.hasLines else { return }
            if written { out += "\n\n" }
            out += chunk.text
            written = true
        }
        var pending: [Block] = []
        for block in blocks {
            guard case .section(let section) = block, let share = section.share else {
                pending.append(block)
                continue
            }
            if !pending.isEmpty { add(run(pending)) }
            pending.removeAll(keepingCapacity: true)
            add(shared(section, share))
        }
        if !pending.isEmpty { add(run(pending)) }
        return out
    }
}
