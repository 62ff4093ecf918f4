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
    /// Whether a contact card with a QR target gets its QR code beside its text.
    var qrCodes = true

    /// The document's locale: a message section in another locale (a fallback) is marked with its own `lang`.
    var locale: String?
    /// The document's words by catalog key; `qrCode` labels the QR codes for screen readers.
    var strings: [String: String] = [:]

    /// HTML for `blocks`, one element per line. Sections read as their blocks in
    /// place; the reporting contacts are wrapped in `<section class="reporting">`
    /// so print styles can keep them together at full width, and a message in
    /// another locale than the document's (a fallback) in a `<div>` with its own `lang`.
    mutating func html(for blocks: [Block]) -> String {
        var out = ""
        var separated = false
        write(blocks, into: &out, separated: &separated)
        return out
    }

    /// Appends the HTML for `blocks` to `out`, each non-empty element after a newline when
    /// `separated` says something is already there; the page's HTML is written into one
    /// string this way, never copied into a larger one for each section around it.
    private mutating func write(_ blocks: [Block], into out: inout String, separated: inout Bool) {
        func append(_ part: String) {
            guard !part.isEmpty else { return }
            if separated { out += "\n" }
            out += part
            separated = true
        }
        for block in blocks {
            guard case .section(let section) = block else { append(html(for: block)); continue }
            guard let share = section.share, override == nil else {
                writeSection(section, into: &out, separated: &separated)
                continue
            }
            // A shared section is written once for each context it can meet, then copied.
            let key = SectionKey(level: previousLevel, locale: locale, qrCodes: qrCodes, qrLabel: strings["qrCode"])
            let (text, level) = share.value(for: key) { () -> (String, Int) in
                var writer = self
                var text = ""
                var written = false
                writer.writeSection(section, into: &text, separated: &written)
                return (text, writer.previousLevel)
            }
            append(text)
            previousLevel = level
        }
    }

    /// What a shared section's HTML depends on: the level of the heading before it, the
    /// document's locale, and whether and how contact cards show QR codes.
    private struct SectionKey: SectionShareKey {
        typealias Value = (String, Int)
        let level: Int
        let locale: String?
        let qrCodes: Bool
        let qrLabel: String?
    }

    /// Appends the HTML for `section`, as ``write(_:into:separated:)`` does for its blocks.
    private mutating func writeSection(_ section: Section, into out: inout String, separated: inout Bool) {
        func append(_ part: String) {
            guard !part.isEmpty else { return }
            if separated { out += "\n" }
            out += part
            separated = true
        }
        if case .reportingContacts = section.subject {
            let inner = html(for: section.blocks)
            if !inner.isEmpty { append("<section class=\"reporting\">\n" + inner + "\n</section>") }
        } else if case .message(let message) = section.subject, let locale, message.locale != locale {
            let dir = LocaleDirection.isRightToLeft(message.locale) != LocaleDirection.isRightToLeft(locale)
                ? " dir=\"\(LocaleDirection.isRightToLeft(message.locale) ? "rtl" : "ltr")\"" : ""
            append("<div lang=\"\(HTMLEscaping.escape(message.locale))\"\(dir)>\n")
            var innerSeparated = false
            write(section.blocks, into: &out, separated: &innerSeparated)
            out += "\n</div>"
        } else {
            write(section.blocks, into: &out, separated: &separated)
        }
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
    /// phone numbers as `tel:` links (the main number marked to print large),
    /// then its notes; with its QR code, when it has a target, beside the text.
    private func contactCard(_ card: ContactCard) -> String {
        let tag = "h\(min(previousLevel + 1, 6))"
        let qr = qrCodes ? card.qrTarget.flatMap { Self.qrFigure($0, label: strings["qrCode"]) } : nil
        var lines = [qr == nil ? "<section class=\"card\">" : "<section class=\"card has-qr\">",
                     "<\(tag)>\(HTMLEscaping.escape(card.name))</\(tag)>"]
        if !card.entries.isEmpty {
            lines.append("<dl>")
            for entry in card.entries {
                let value = HTMLEscaping.escape(entry.value)
                let url = entry.url ?? TelephoneAddress.url(ifPhoneNumber: entry.value)
                let shown = url.map { HTMLInlineWriter.link(url: $0, innerHTML: value, text: entry.value) } ?? value
                let isMain = card.phone.map { $0.url == entry.url && $0.number == entry.value } ?? false
                lines.append("<dt>\(HTMLEscaping.escape(entry.label))</dt><dd\(isMain ? " class=\"main-number\"" : "")>\(shown)</dd>")
            }
            lines.append("</dl>")
        }
        for note in card.notes where !note.plainText.isBlank {
            lines.append("<p class=\"card-note\">\(HTMLInlineWriter.html(note))</p>")
        }
        if let qr { lines.append(qr) }
        lines.append("</section>")
        return lines.joined(separator: "\n")
    }

    /// A QR code for `target` with the address it holds printed under it, so the code
    /// never stands alone; `data-qr` names the address for `outreach proof`. `label` is the
    /// catalog's `qrCode` (`QR code: {address}`), the code's accessible name.
    static func qrFigure(_ target: String, label: String? = nil) -> String? {
        qrFigures.value(for: QRFigureKey(target: target, label: label)) { makeQRFigure(target, label: label) }
    }

    private static func makeQRFigure(_ target: String, label: String?) -> String? {
        guard let code = QRCode(target) else { return nil }
        let display = displayAddress(target)
        let shown = HTMLEscaping.escape(display)
        let address = HTMLEscaping.escape(target)
        let name = HTMLEscaping.escape((label ?? "QR code: {address}").filling(["address": display]))
        return "<figure class=\"card-qr\" data-qr=\"\(address)\">\(code.svg(escapedLabel: name))"
            + "<figcaption>\(shown)</figcaption></figure>"
    }
}

/// QR figures made once per address and label, and shared: the same few contacts'
/// codes appear on most pages, and encoding one (libqrencode's masks, the SVG path)
/// costs more than the rest of its card. Bounded, so distinct addresses (one per local
/// partner) cannot grow it without limit.
private let qrFigures = MemoTable<QRFigureKey, String?>(limit: 512)

private struct QRFigureKey: Hashable {
    let target: String
    let label: String?
}
