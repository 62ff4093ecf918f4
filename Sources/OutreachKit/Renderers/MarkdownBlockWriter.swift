import Foundation

/// Writes blocks as CommonMark lines.
///
/// Blocks cmark has no node for are first lowered to ones it has:
/// - a table becomes a bulleted list, one item per row, each cell on its own
///   line (hard breaks) as `**Header:** value`;
/// - a callout becomes a block quote whose first paragraph is its title in
///   strong emphasis (the kind's name, such as "Note", when it has no title);
/// - a contact card becomes a paragraph with the name in strong emphasis, a
///   bulleted list of `Label: value` entries (linked when they have an
///   address), then its notes as paragraphs;
/// - a fact list becomes a bulleted list of `**figure** label`.
enum MarkdownBlockWriter {
    /// The kind and marker of a list at the end of a block, so that a list after
    /// it can use another marker: two adjacent lists with the same marker would
    /// be read back as one.
    private enum ListMarker: Hashable {
        case bullet(Character)
        case ordered(Character)
    }

    /// Lines for `blocks`, separated by blank lines.
    static func lines(for blocks: [Block]) -> [String] {
        sequence(blocks, tight: false).lines
    }

    /// ``lines(for:)`` joined by line feeds. A section a run shares (``SectionShare``) is
    /// written once for each list marker that can end the blocks before it; other pages copy it.
    static func text(for blocks: [Block]) -> String {
        var trailing: ListMarker?
        return SectionChunks.join(blocks, run: { run in
            let written = sequence(run, tight: false, after: trailing)
            trailing = written.trailing
            return SectionChunks.Chunk(written.lines)
        }, shared: { section, share in
            let entering = trailing
            let made = share.value(for: SectionKey(trailing: entering)) { SharedText(sequence(section.blocks, tight: false, after: entering)) }
            trailing = made.trailing
            return made.chunk
        })
    }

    /// A shared section's Markdown, and the list marker it ends with.
    private struct SharedText: Sendable {
        let chunk: SectionChunks.Chunk
        let trailing: ListMarker?

        init(_ sequence: (lines: [String], trailing: ListMarker?)) {
            chunk = SectionChunks.Chunk(sequence.lines)
            trailing = sequence.trailing
        }
    }

    /// What a shared section's Markdown depends on: the list marker the blocks before it end with.
    private struct SectionKey: SectionShareKey {
        typealias Value = SharedText
        let trailing: ListMarker?
    }

    /// Lines for blocks, blank-line separated unless `tight`, and the list marker the last one ends
    /// with; `after` is the marker the blocks before them end with.
    private static func sequence(_ blocks: [Block], tight: Bool, after: ListMarker? = nil) -> (lines: [String], trailing: ListMarker?) {
        var lines: [String] = []
        var trailing = after
        for block in blocks.flatMap(lowered) {
            var marker: ListMarker?
            if case .list(let ordered, let items) = block, !items.isEmpty {
                if ordered {
                    marker = .ordered(trailing == .ordered(".") ? ")" : ".")
                } else {
                    marker = .bullet(trailing == .bullet("-") ? "*" : "-")
                }
            }
            let rendered = render(block, marker: marker)
            guard !rendered.lines.isEmpty else { continue }
            if !lines.isEmpty && !tight { lines.append("") }
            lines += rendered.lines
            trailing = rendered.trailing
        }
        return (lines, trailing)
    }

    /// The block as blocks cmark has nodes for.
    private static func lowered(_ block: Block) -> [Block] {
        switch block {
        case .heading, .paragraph, .list, .quote, .code, .thematicBreak:
            return [block]
        case .table(let header, let rows):
            return [.list(ordered: false, items: rows.map { [.paragraph(tableRow($0, header: header))] })]
        case .callout(let callout):
            return [.quote([.paragraph([.strong([.text(callout.displayTitle)])])] + callout.blocks)]
        case .contactCard(let card):
            var blocks: [Block] = [.paragraph([.strong([.text(card.name)])])]
            let entries = card.entries.map { entry -> [Block] in
                let value: Inline = entry.url.map { .link(url: $0, content: [.text(entry.value)]) } ?? .text(entry.value)
                return [.paragraph(entry.label.isEmpty ? [value] : [.text(entry.label + ": "), value])]
            }
            if !entries.isEmpty { blocks.append(.list(ordered: false, items: entries)) }
            return blocks + card.notes.map { .paragraph($0) }
        case .factList(let facts):
            let items = facts.map { fact -> [Block] in
                let figure: [Inline] = fact.figure.isEmpty ? [] : [.strong([.text(fact.figure)]), .text(" ")]
                return [.paragraph(figure + fact.label)]
            }
            return [.list(ordered: false, items: items)]
        case .section(let section):
            return section.blocks.flatMap(lowered)
        }
    }

    /// A table row as `**Header:** value` lines joined by hard breaks, skipping empty cells.
    private static func tableRow(_ cells: [[Inline]], header: [[Inline]]) -> [Inline] {
        var inlines: [Inline] = []
        for (index, cell) in cells.enumerated() where !cell.plainText.isBlank {
            if !inlines.isEmpty { inlines.append(.lineBreak) }
            if index < header.count, !header[index].plainText.isBlank {
                inlines += [.strong(header[index] + [.text(":")]), .text(" ")]
            }
            inlines += cell
        }
        return inlines
    }

    private static func render(_ block: Block, marker: ListMarker?) -> (lines: [String], trailing: ListMarker?) {
        switch block {
        case .heading(let level, let content):
            let hashes = String(repeating: "#", count: min(max(level, 1), 6))
            let text = MarkdownInlineWriter.heading(content)
            return ([text.isEmpty ? hashes : hashes + " " + text], nil)
        case .paragraph(let content):
            let text = MarkdownInlineWriter.paragraph(content)
            return (text.isEmpty ? [] : text.linesSplitAtLineFeeds, nil)
        case .list(_, let items):
            guard let marker else { return ([], nil) }
            return (list(items, marker: marker), marker)
        case .quote(let blocks):
            let inner = sequence(blocks, tight: false).lines
            return (inner.isEmpty ? [">"] : inner.map { $0.isEmpty ? ">" : "> " + $0 }, nil)
        case .code(let code):
            var content = code.containsByte(0x0D) ? code.replacingOccurrences(of: "\r\n", with: "\n") : code
            if content.hasSuffix("\n") { content.removeLast() }
            let fence = MarkdownEscaping.codeFence(for: content)
            let body = code.isEmpty ? [] : content.linesSplitAtLineFeeds
            return ([fence] + body + [fence], nil)
        case .thematicBreak:
            return (["---"], nil)
        case .table, .callout, .contactCard, .factList, .section:
            return (sequence([block], tight: false).lines, nil)
        }
    }

    private static func list(_ items: [[Block]], marker: ListMarker) -> [String] {
        let loweredItems = items.map { $0.flatMap(lowered) }
        let tight = loweredItems.allSatisfy(fitsTightList)
        var lines: [String] = []
        for (index, item) in loweredItems.enumerated() {
            let prefix: String
            switch marker {
            case .bullet(let character): prefix = "\(character) "
            case .ordered(let delimiter): prefix = "\(index + 1)\(delimiter) "
            }
            let indent = String(repeating: " ", count: prefix.count)
            let inner = sequence(item, tight: tight).lines
            if index > 0 && !tight { lines.append("") }
            guard let first = inner.first else {
                lines.append(String(prefix.dropLast()))
                continue
            }
            // `- ---` would be read as one thematic break, not an item holding one.
            let firstLine = prefix == "- " && first == "---" ? "***" : first
            lines.append(prefix + firstLine)
            lines += inner.dropFirst().map { $0.isEmpty ? "" : indent + $0 }
        }
        return lines
    }

    /// Whether an item can go without blank lines around it: nothing, one
    /// paragraph, one list, or a paragraph and a list whose first item has
    /// content (an empty item cannot interrupt a paragraph).
    private static func fitsTightList(_ item: [Block]) -> Bool {
        switch item.count {
        case 0: return true
        case 1:
            switch item[0] {
            case .paragraph, .list: return true
            default: return false
            }
        case 2:
            guard case .paragraph = item[0], case .list(_, let items) = item[1] else { return false }
            return items.first.map { !$0.isEmpty } ?? false
        default:
            return false
        }
    }
}

