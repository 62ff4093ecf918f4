import Foundation

/// Writes blocks as HTML elements, one block per line or group of lines.
///
/// Headings are clamped so they nest without skipping a level: the page title
/// is the only `h1`, and each heading is at most one level below the one before
/// it. Links whose scheme is not http, https, mailto or tel are written as
/// their text alone.
struct HTMLBlockWriter {
    /// The level of the last heading written; the page title is level 1.
    private(set) var previousLevel = 1
    /// Writes some blocks instead of the built-in form; see ``HTMLWriter/blockOverride``.
    var override: (@Sendable (Block) -> String?)?

    /// The document's locale: a message section in another locale (a fallback) is marked with its own `lang`.
    var locale: String?

    /// HTML for `blocks`, one element per line.
    mutating func html(for blocks: [Block]) -> String {
        var parts: [String] = []
        for block in blocks {
            if case .section(let section) = block, case .message(let message) = section.subject,
               let locale, message.locale != locale {
                let dir = LocaleDirection.isRightToLeft(message.locale) != LocaleDirection.isRightToLeft(locale)
                    ? " dir=\"\(LocaleDirection.isRightToLeft(message.locale) ? "rtl" : "ltr")\"" : ""
                parts.append("<div lang=\"\(HTMLEscaping.escape(message.locale))\"\(dir)>\n" + html(for: section.blocks) + "\n</div>")
            } else {
                parts += [block].expandingSections().map { html(for: $0) }
            }
        }
        return parts.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// The level to write a heading of `level` at: at least 2, at most one below the previous heading, at most 6.
    mutating func clampedLevel(_ level: Int) -> Int {
        let clamped = min(max(level, 2), previousLevel + 1, 6)
        previousLevel = clamped
        return clamped
    }

    private mutating func html(for block: Block) -> String {
        if let override, let custom = override(block) { return custom }
        switch block {
        case .heading(let level, let content):
            let tag = "h\(clampedLevel(level))"
            return "<\(tag)>\(HTMLInlineWriter.html(content))</\(tag)>"
        case .paragraph(let content):
            let inner = HTMLInlineWriter.html(content)
            return inner.isEmpty ? "" : "<p>\(inner)</p>"
        case .list(let ordered, let items):
            guard !items.isEmpty else { return "" }
            let tag = ordered ? "ol" : "ul"
            var lines = ["<\(tag)>"]
            for item in items { lines.append("<li>" + listItem(item) + "</li>") }
            return (lines + ["</\(tag)>"]).joined(separator: "\n")
        case .quote(let blocks):
            return "<blockquote>\n\(html(for: blocks))\n</blockquote>"
        case .code(let code):
            return "<pre><code>\(HTMLEscaping.escape(code))</code></pre>"
        case .table(let header, let rows):
            return table(header: header, rows: rows)
        case .callout(let callout):
            let title = "<p class=\"callout-title\"><strong>\(HTMLEscaping.escape(callout.displayTitle))</strong></p>"
            let inner = html(for: callout.blocks)
            return "<aside class=\"callout \(callout.kind.rawValue)\">\n\(title)" + (inner.isEmpty ? "" : "\n" + inner) + "\n</aside>"
        case .contactCard(let card):
            return contactCard(card)
        case .factList(let facts):
            guard !facts.isEmpty else { return "" }
            let items = facts.map { fact in
                "<div class=\"fact\"><dt>\(HTMLEscaping.escape(fact.figure))</dt><dd>\(HTMLInlineWriter.html(fact.label))</dd></div>"
            }
            return "<dl class=\"facts\">\n" + items.joined(separator: "\n") + "\n</dl>"
        case .thematicBreak:
            return "<hr>"
        case .section(let section):
            return html(for: section.blocks)
        }
    }

    /// A list item; one paragraph, or a paragraph before a list, goes without `<p>` as in a tight list.
    private mutating func listItem(_ item: [Block]) -> String {
        let blocks = item.expandingSections()
        guard case .paragraph(let content)? = blocks.first else { return wrapped(html(for: blocks)) }
        let rest = blocks.dropFirst()
        let restIsLists = rest.allSatisfy { if case .list = $0 { return true } else { return false } }
        guard restIsLists else { return wrapped(html(for: blocks)) }
        let inner = html(for: Array(rest))
        return HTMLInlineWriter.html(content) + (inner.isEmpty ? "" : "\n" + inner + "\n")
    }

    private func wrapped(_ inner: String) -> String {
        inner.isEmpty ? "" : "\n" + inner + "\n"
    }

    private func table(header: [[Inline]], rows: [[[Inline]]]) -> String {
        var lines = ["<div class=\"table-wrap\">", "<table>"]
        if !header.isEmpty {
            let cells = header.map { "<th scope=\"col\">\(HTMLInlineWriter.html($0))</th>" }.joined()
            lines += ["<thead>", "<tr>\(cells)</tr>", "</thead>"]
        }
        if !rows.isEmpty {
            lines.append("<tbody>")
            lines += rows.map { row in "<tr>" + row.map { "<td>\(HTMLInlineWriter.html($0))</td>" }.joined() + "</tr>" }
            lines.append("</tbody>")
        }
        return (lines + ["</table>", "</div>"]).joined(separator: "\n")
    }

    /// A card: its name as a heading one level below the last heading (without
    /// changing the level that follows), its entries as a definition list with
    /// phone numbers as `tel:` links, then its notes.
    private func contactCard(_ card: ContactCard) -> String {
        let tag = "h\(min(previousLevel + 1, 6))"
        var lines = ["<section class=\"card\">", "<\(tag)>\(HTMLEscaping.escape(card.name))</\(tag)>"]
        if !card.entries.isEmpty {
            lines.append("<dl>")
            for entry in card.entries {
                let value = HTMLEscaping.escape(entry.value)
                let url = entry.url ?? TelephoneAddress.url(ifPhoneNumber: entry.value)
                let shown = url.map { HTMLInlineWriter.link(url: $0, innerHTML: value, text: entry.value) } ?? value
                lines.append("<dt>\(HTMLEscaping.escape(entry.label))</dt><dd>\(shown)</dd>")
            }
            lines.append("</dl>")
        }
        for note in card.notes where !note.plainText.isBlank {
            lines.append("<p class=\"card-note\">\(HTMLInlineWriter.html(note))</p>")
        }
        lines.append("</section>")
        return lines.joined(separator: "\n")
    }
}
