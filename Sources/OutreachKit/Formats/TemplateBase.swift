/// The built-in format a template format builds on: it decides how content is
/// converted before it reaches the template.
enum TemplateBase: String, Sendable, Hashable, CaseIterable {
    /// CommonMark, as the `markdown` format writes it.
    case markdown
    /// Plain text wrapped to the text width, as the `text` format writes it.
    case text
    /// Escaped HTML elements, as the `html` format writes them.
    case html

    /// Whether `{{name}}` escapes HTML; the other bases insert values as they are.
    var escapesHTML: Bool { self == .html }
}

/// Writes document pieces in a base format with the built-in renderers' own
/// block and inline writers, so a template format's content reads exactly like
/// that format's.
struct BaseFormatWriter {
    let base: TemplateBase
    /// The column plain text wraps at.
    let width: Int
    /// The plain-text writer, for the text base and for every `text` key.
    let plain: PlainTextBlockWriter

    init(base: TemplateBase, options: RenderOptions) {
        self.base = base
        width = max(options.textWidth, PlainTextRenderer.minimumWidth)
        plain = PlainTextBlockWriter(inlines: PlainTextInlines(asciiOnly: base == .text && options.asciiOnly))
    }

    /// All of `blocks`, as the base format's renderer writes its body.
    func body(_ blocks: [Block]) -> String {
        switch base {
        case .markdown: return MarkdownBlockWriter.lines(for: blocks).joined(separator: "\n")
        case .text: return plain.lines(for: blocks, width: width).joined(separator: "\n")
        case .html:
            var writer = HTMLBlockWriter()
            return writer.html(for: blocks)
        }
    }

    /// Each block alone, in order; HTML headings keep the levels they have in ``body(_:)``.
    func each(_ blocks: [Block]) -> [String] {
        switch base {
        case .markdown, .text: return blocks.map { body([$0]) }
        case .html:
            var writer = HTMLBlockWriter()
            return blocks.map { writer.html(for: [$0]) }
        }
    }

    /// The blocks of a section that sits under a level-2 heading.
    func section(_ blocks: [Block]) -> String {
        guard base == .html else { return body(blocks) }
        var writer = HTMLBlockWriter()
        _ = writer.clampedLevel(2)
        return writer.html(for: blocks)
    }

    /// Inline content, such as a heading's, in the base format.
    func inline(_ inlines: [Inline]) -> String {
        switch base {
        case .markdown: return MarkdownInlineWriter.paragraph(inlines)
        case .text: return plain.inlines.text(inlines)
        case .html: return HTMLInlineWriter.html(inlines)
        }
    }

    /// CommonMark from the content, such as an agency's role, in the base format.
    func markdown(_ source: String) -> String { body(CommonMark.parse(source)) }

    /// CommonMark from the content as plain text, wrapped to the width.
    func plainText(markdown source: String) -> String { plainText(CommonMark.parse(source)) }

    /// Blocks as plain text wrapped to the width.
    func plainText(_ blocks: [Block]) -> String {
        plain.lines(for: blocks, width: width).joined(separator: "\n")
    }

    /// A block as plain text: a heading's or paragraph's words on one line, anything else wrapped.
    func plainText(_ block: Block) -> String {
        switch block {
        case .heading(_, let content), .paragraph(let content): return plain.inlines.text(content)
        default: return plainText([block])
        }
    }
}
