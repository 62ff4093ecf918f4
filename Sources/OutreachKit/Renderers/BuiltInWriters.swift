/// The HTML the `html` format writes for blocks and inlines, for renderers
/// that reuse it and differ in a few nodes.
///
/// ```swift
/// // Like the built-in HTML, but contact cards as one line each.
/// let writer = HTMLWriter { block in
///     guard case .contactCard(let card) = block else { return nil }
///     return "<p class=\"contact\">\(HTMLWriter.html(for: [.text(card.name)]))</p>"
/// }
/// let body = writer.html(for: document.blocks)
/// ```
public struct HTMLWriter: Sendable {
    /// Called for each block, at every depth, before the built-in form is
    /// written; HTML it returns is used instead, `nil` keeps the built-in form.
    /// Text it returns is not escaped: escape content with ``html(for:)-type.method``.
    public var blockOverride: (@Sendable (Block) -> String?)?

    /// Creates a writer, with an optional override for some blocks.
    public init(blockOverride: (@Sendable (Block) -> String?)? = nil) {
        self.blockOverride = blockOverride
    }

    /// HTML elements for `blocks`, one per line; headings nest without skipping a level below the page's `h1`.
    public func html(for blocks: [Block]) -> String {
        var writer = HTMLBlockWriter()
        writer.override = blockOverride
        return writer.html(for: blocks)
    }

    /// Escaped HTML for inline content; links with unsafe schemes become their text.
    public static func html(for inlines: [Inline]) -> String { HTMLInlineWriter.html(inlines) }
}

/// The CommonMark the `markdown` format writes for blocks and inlines.
public enum MarkdownWriter {
    /// CommonMark for `blocks`, separated by blank lines; cards, tables and facts lowered to lists and paragraphs.
    public static func markdown(for blocks: [Block]) -> String {
        MarkdownBlockWriter.lines(for: blocks).joined(separator: "\n")
    }

    /// CommonMark for inline content, escaped so it reads back as the same text.
    public static func markdown(for inlines: [Inline]) -> String { MarkdownInlineWriter.paragraph(inlines) }
}

/// The plain text the `text` format writes for blocks and inlines.
public struct PlainTextWriter: Sendable {
    /// The column to wrap at.
    public var width: Int
    /// Whether to fold the text to ASCII.
    public var asciiOnly: Bool

    /// Creates a writer.
    public init(width: Int = 72, asciiOnly: Bool = false) {
        self.width = width
        self.asciiOnly = asciiOnly
    }

    /// Lines for `blocks`, wrapped to the width, blocks separated by blank lines.
    public func text(for blocks: [Block]) -> String {
        PlainTextBlockWriter(inlines: PlainTextInlines(asciiOnly: asciiOnly))
            .lines(for: blocks, width: max(width, PlainTextRenderer.minimumWidth)).joined(separator: "\n")
    }

    /// Inline content as one line of text, with link addresses in parentheses.
    public func text(for inlines: [Inline]) -> String {
        PlainTextInlines(asciiOnly: asciiOnly).text(inlines)
    }
}
