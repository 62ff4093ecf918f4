import Foundation

/// Renders a document as plain text wrapped to a width, for handouts and email.
///
/// Lines are at most `options.textWidth` characters (grapheme clusters; at
/// least 20) unless one word, such as an address, is longer. Headings are
/// underlined (`=`, `-`, then `~`), lists have hanging indents, links read
/// `text (address)`, and no Markdown syntax appears. With `options.asciiOnly`
/// every character is ASCII: typographic punctuation and accented letters
/// become their ASCII look-alikes and anything else becomes `?`.
package struct PlainTextRenderer: Renderer {
    /// The narrowest width the renderer lays out for.
    package static let minimumWidth = 20

    /// Creates the renderer.
    package init() {}

    /// `text`: `.txt` files of type `text/plain`.
    package var format: FormatDescriptor {
        FormatDescriptor(
            name: "text", fileExtension: "txt", mediaType: "text/plain",
            summary: "Plain text wrapped for handouts and email")
    }

    /// Renders the document through the `text` page template.
    package func render(_ document: Document, options: RenderOptions) throws -> Rendered {
        let width = max(options.textWidth, Self.minimumWidth)
        let inlines = PlainTextInlines(asciiOnly: options.asciiOnly)
        let writer = PlainTextBlockWriter(inlines: inlines)
        let body = writer.text(for: document.blocks, width: width)
        var context = PageTemplateContext.make(for: document, options: options, body: body)
        context["text"] = Self.headerAndFooter(document.metadata, width: width, writer: writer)
        var page = try options.templates.renderFilled("text", context).trimmingTrailingSpacesOnEachLine
        if options.asciiOnly { page = ASCIIFolding.fold(page) }
        // A template whose header is all left out would start the page with blank lines.
        while page.hasPrefix("\n") { page.removeFirst() }
        return Rendered(page.withSingleTrailingNewline)
    }

    /// The metadata as wrapped lines for the header and footer, by key.
    static func headerAndFooter(_ metadata: DocumentMetadata, width: Int, writer: PlainTextBlockWriter) -> [String: String] {
        var values: [String: String] = ["rule": String(repeating: "-", count: width)]
        let title = writer.heading(writer.inlines.clean(metadata.title), level: 1, width: width)
        if let underline = title.last {
            values["title"] = title.dropLast().joined(separator: "\n")
            values["titleUnderline"] = underline
        }
        let optional: [(String, String?)] = [
            ("subtitle", metadata.subtitle),
            ("audience", metadata.audience),
            ("date", metadata.dateText ?? metadata.date),
            ("sourceNote", metadata.sourceNote),
            ("partner", metadata.partner.map { PageTemplateContext.partnerLine($0, metadata: metadata) }),
        ]
        for (key, value) in optional {
            guard let value, !value.isBlank else { continue }
            values[key] = TextWrapper.wrap(writer.inlines.clean(value), width: width).joined(separator: "\n")
        }
        return values
    }
}
