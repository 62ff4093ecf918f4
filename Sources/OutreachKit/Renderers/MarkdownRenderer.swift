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
        let body = MarkdownBlockWriter.lines(for: document.blocks).joined(separator: "\n")
        var context = PageTemplateContext.make(for: document, options: options, body: body)
        context["yaml"] = Self.frontMatterValues(document.metadata)
        if let note = document.metadata.sourceNote, !note.isEmpty {
            context["markdown"] = ["sourceNote": MarkdownEscaping.text(note, atLineStart: true, inHeading: false)]
        }
        let page = try options.templates.render("markdown", context)
        return Rendered(page.withSingleTrailingNewline)
    }

    /// The front matter values present, YAML-quoted, by key. The title is always there.
    static func frontMatterValues(_ metadata: DocumentMetadata) -> [String: String] {
        var values = ["title": YAMLScalar.quoted(metadata.title)]
        let optional: [(String, String?)] = [
            ("subtitle", metadata.subtitle),
            ("locale", metadata.locale),
            ("audience", metadata.audience),
            ("date", metadata.date),
        ]
        for (key, value) in optional {
            if let value, !value.isEmpty { values[key] = YAMLScalar.quoted(value) }
        }
        return values
    }
}
