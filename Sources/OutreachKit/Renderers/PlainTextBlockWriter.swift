import Foundation

/// Lays out blocks as plain text lines within a width.
///
/// Each container renders its children at its own width less its indentation,
/// then indents them, so no line is longer than the width unless it holds a
/// single word that is.
struct PlainTextBlockWriter {
    /// Flattens inlines and cleans strings.
    var inlines: PlainTextInlines

    /// ``lines(for:width:)`` joined by line feeds. A section a run shares (``SectionShare``)
    /// is written once for each width and ASCII folding; other pages copy it.
    func text(for blocks: [Block], width: Int) -> String {
        SectionChunks.join(blocks, run: { SectionChunks.Chunk(lines(for: $0, width: width)) }, shared: { section, share in
            share.value(for: SectionKey(width: width, asciiOnly: inlines.asciiOnly)) { SectionChunks.Chunk(lines(for: section.blocks, width: width)) }
        })
    }

    /// What a shared section's text depends on.
    private struct SectionKey: SectionShareKey {
        typealias Value = SectionChunks.Chunk
        let width: Int
        let asciiOnly: Bool
    }

    /// Lines for `blocks` at `width`, with a blank line between blocks.
    func lines(for blocks: [Block], width: Int) -> [String] {
        var result: [String] = []
        for block in blocks.expandingSections() {
            let rendered = lines(for: block, width: width)
            guard !rendered.isEmpty else { continue }
            if !result.isEmpty { result.append("") }
            result += rendered
        }
        return result
    }

    private func lines(for block: Block, width: Int) -> [String] {
        switch block {
        case .heading(let level, let content):
            return heading(inlines.text(content), level: level, width: width)
        case .paragraph(let content):
            let text = inlines.text(content)
            return text.isBlank ? [] : TextWrapper.wrap(text, width: width)
        case .list(let ordered, let items):
            return list(items, ordered: ordered, width: width)
        case .quote(let blocks):
            return indent(lines(for: blocks, width: width - 4), first: "  | ", rest: "  | ")
        case .code(let code):
            var text = code.containsByte(0x0D) ? code.replacingOccurrences(of: "\r\n", with: "\n") : code
            if text.containsByte(0x09) { text = text.replacingOccurrences(of: "\t", with: "    ") }
            if text.hasSuffix("\n") { text.removeLast() }
            let cleaned = text.split(separator: "\n", omittingEmptySubsequences: false).map { inlines.clean(String($0)) }
            return TextWrapper.wrapPreformatted(cleaned.joined(separator: "\n"), width: width, prefix: "    ")
        case .table(let header, let rows):
            return table(header: header, rows: rows, width: width)
        case .callout(let callout):
            return self.callout(callout, width: width)
        case .contactCard(let card):
            return contactCard(card, width: width)
        case .factList(let facts):
            return factList(facts, width: width)
        case .thematicBreak:
            return [String(repeating: "-", count: max(3, width))]
        case .section(let section):
            return lines(for: section.blocks, width: width)
        }
    }

    /// The heading wrapped, then underlined as long as its longest line: `=` for
    /// level 1, `-` for level 2, `~` deeper.
    func heading(_ text: String, level: Int, width: Int) -> [String] {
        guard !text.isBlank else { return [] }
        let lines = TextWrapper.wrap(text.newlinesAsSpaces, width: width)
        let underline: Character = level <= 1 ? "=" : level == 2 ? "-" : "~"
        let length = lines.map(\.columns).max() ?? 0
        return lines + [String(repeating: underline, count: length)]
    }

    /// Items after `  - ` or right-aligned `  1. ` markers, their lines indented to the text.
    private func list(_ items: [[Block]], ordered: Bool, width: Int) -> [String] {
        let numberWidth = String(items.count).count
        let items = items.map { $0.expandingSections() }
        let loose = !items.allSatisfy(fitsTightList)
        var result: [String] = []
        for (index, item) in items.enumerated() {
            let marker: String
            if ordered {
                let number = String(index + 1)
                marker = "  " + String(repeating: " ", count: numberWidth - number.count) + number + ". "
            } else {
                marker = "  - "
            }
            let itemWidth = width - marker.count
            var itemLines: [String] = []
            for block in item {
                let rendered = lines(for: block, width: itemWidth)
                guard !rendered.isEmpty else { continue }
                if !itemLines.isEmpty && (loose || !isList(block)) { itemLines.append("") }
                itemLines += rendered
            }
            if loose && index > 0 { result.append("") }
            result += itemLines.isEmpty
                ? [marker.droppingTrailingSpaces]
                : indent(itemLines, first: marker, rest: String(repeating: " ", count: marker.count))
        }
        return result
    }

    /// Whether an item can go without blank lines around it: at most a paragraph followed by lists.
    private func fitsTightList(_ item: [Block]) -> Bool {
        item.enumerated().allSatisfy { index, block in
            switch block {
            case .list: return true
            case .paragraph: return index == 0
            default: return false
            }
        }
    }

    private func isList(_ block: Block) -> Bool {
        if case .list = block { return true }
        return false
    }

    /// Each row as a list item with one `Header: value` line per non-empty cell.
    private func table(header: [[Inline]], rows: [[[Inline]]], width: Int) -> [String] {
        let headers = header.map { inlines.text($0).newlinesAsSpaces.trimmedOfWhitespace }
        let multiCell = rows.contains { $0.count > 1 }
        var result: [String] = []
        for (rowIndex, row) in rows.enumerated() {
            var rowLines: [String] = []
            for (index, cell) in row.enumerated() {
                let value = inlines.text(cell).newlinesAsSpaces
                guard !value.isBlank else { continue }
                let label = index < headers.count && !headers[index].isEmpty ? headers[index] + ": " : ""
                rowLines += TextWrapper.wrap(label + value, width: width - 4, restPrefix: "  ")
            }
            guard !rowLines.isEmpty else { continue }
            if multiCell && rowIndex > 0 && !result.isEmpty { result.append("") }
            result += indent(rowLines, first: "  - ", rest: "    ")
        }
        return result
    }

    /// A title line and the content between rules, marked on the left with `| `.
    private func callout(_ callout: Callout, width: Int) -> [String] {
        let rule = "+" + String(repeating: "-", count: max(2, width - 1))
        let title = inlines.clean(callout.displayTitle)
        var inner = TextWrapper.wrap(title, width: width - 2)
        let content = lines(for: callout.blocks, width: width - 2)
        if !content.isEmpty { inner += [""] + content }
        return [rule] + indent(inner, first: "| ", rest: "| ") + [rule]
    }

    /// The name, then `  Label: value` lines and notes, wrapped with hanging indents.
    private func contactCard(_ card: ContactCard, width: Int) -> [String] {
        var result = TextWrapper.wrap(inlines.clean(card.name), width: width)
        for entry in card.entries {
            let value = inlines.clean(entry.value)
            let shown = entry.url.map { inlines.link(text: value, url: $0) } ?? value
            let label = inlines.clean(entry.label)
            let line = label.isEmpty ? shown : label + ": " + shown
            result += TextWrapper.wrap(line, width: width, firstPrefix: "  ", restPrefix: "    ")
        }
        for note in card.notes {
            let text = inlines.text(note)
            guard !text.isBlank else { continue }
            result += TextWrapper.wrap(text, width: width, firstPrefix: "  ", restPrefix: "  ")
        }
        return result
    }

    /// `  figure  label` lines, figures right-aligned when they fit in a column
    /// of at most a third of the width, each label wrapped under itself; a fact
    /// that does not fit so has its figure on a line of its own.
    private func factList(_ facts: [Fact], width: Int) -> [String] {
        let figures = facts.map { inlines.clean($0.figure).trimmedOfWhitespace }
        let column = figures.map(\.columns).max() ?? 0
        var result: [String] = []
        for (fact, figure) in zip(facts, figures) {
            let label = inlines.text(fact.label)
            let firstWord = label.split(whereSeparator: { $0 == " " || $0 == "\n" }).first?.count ?? 0
            if column <= width / 3 && 2 + column + 2 + firstWord <= width {
                let padded = String(repeating: " ", count: column - figure.columns) + figure
                let hanging = String(repeating: " ", count: 2 + column + 2)
                result += TextWrapper.wrap(label, width: width, firstPrefix: "  " + padded + "  ", restPrefix: hanging)
            } else {
                result += TextWrapper.wrap(figure, width: width, firstPrefix: "  ", restPrefix: "  ")
                result += TextWrapper.wrap(label, width: width, firstPrefix: "    ", restPrefix: "    ")
            }
        }
        return result
    }

    /// `lines` with `first` before the first and `rest` before the others; blank lines get the prefix without its trailing spaces.
    private func indent(_ lines: [String], first: String, rest: String) -> [String] {
        lines.enumerated().map { index, line in
            let prefix = index == 0 ? first : rest
            return line.isEmpty ? prefix.droppingTrailingSpaces : prefix + line
        }
    }
}
