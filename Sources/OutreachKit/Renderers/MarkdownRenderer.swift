/// Renders a document as CommonMark with YAML front matter.
///
/// The front matter holds the title, subtitle, locale, audience and date that
/// are present, each double-quoted. The body is plain CommonMark (no tables or
/// other extensions), escaped so cmark reads back the same structure; see
/// ``MarkdownBlockWriter`` for how tables, callouts, contact cards and fact
/// lists are written. The `markdown` page template puts the two together.
package struct MarkdownRenderer: Renderer {
    /// Creates the renderer.
    package init() {}

    /// `markdown`: `.md` files of type `text/markdown`.
    package var format: FormatDescriptor {
        FormatDescriptor(
            name: "markdown", fileExtension: "md", mediaType: "text/markdown",
            summary: "CommonMark with YAML front matter")
    }

    /// Renders the document through the `markdown` page template.
    package func render(_ document: Document, options: RenderOptions) throws -> Rendered {
        let body = MarkdownBlockWriter.text(for: document.blocks)
        var context = PageTemplateContext.make(for: document, options: options, body: body)
        context["yaml"] = Self.frontMatterValues(document.metadata)
        var markdown: [String: String] = [:]
        if let note = document.metadata.sourceNote, !note.isEmpty {
            markdown["sourceNote"] = MarkdownEscaping.text(note, atLineStart: true, inHeading: false)
        }
        if let partner = document.metadata.partner {
            markdown["partner"] = Self.partnerLine(partner, metadata: document.metadata, options: options)
        }
        if !markdown.isEmpty { context["markdown"] = markdown }
        return Rendered(files: [RenderedFile(contents: try options.templates.renderPage("markdown", context, body: body))])
    }

    /// The partner's logo as a CommonMark image (its path relative to this file), then "Distributed by NAME".
    static func partnerLine(_ partner: DocumentPartner, metadata: DocumentMetadata, options: RenderOptions) -> String {
        let line = MarkdownEscaping.text(PageTemplateContext.partnerLine(partner, metadata: metadata), atLineStart: partner.logo == nil, inHeading: true)
        guard let logo = partner.logo else { return line }
        let alt = MarkdownEscaping.text(logo.alt, atLineStart: false, inHeading: true)
        return "![\(alt)](\(MarkdownEscaping.destination(options.relativeReference(to: logo.src)))) " + line
    }

    /// The front matter values present, YAML-quoted, by key. The title is always there.
    static func frontMatterValues(_ metadata: DocumentMetadata) -> [String: String] {
        var values = ["title": YAMLScalar.quoted(metadata.title)]
        let optional: [(String, String?)] = [
            ("subtitle", metadata.subtitle),
            ("locale", metadata.locale),
            ("audience", metadata.audience),
            ("date", metadata.date),
            ("partner", metadata.partner?.name),
        ]
        for (key, value) in optional {
            if let value, !value.isEmpty { values[key] = YAMLScalar.quoted(value) }
        }
        return values
    }
}
