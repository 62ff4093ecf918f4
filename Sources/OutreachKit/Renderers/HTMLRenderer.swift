/// Renders a document as one standalone, printable HTML5 page.
///
/// The page makes no outside requests: its CSS, with screen and print styles
/// for `options.paper`, lives in a `<style>` element in the `html` page
/// template. All text and attribute values are escaped; links are kept only
/// for http, https, mailto and tel addresses and relative ones. Headings nest
/// under the title without skipping a level; see ``HTMLBlockWriter``.
package struct HTMLRenderer: Renderer {
    /// Creates the renderer.
    package init() {}

    /// `html`: `.html` files of type `text/html`.
    package var format: FormatDescriptor {
        FormatDescriptor(
            name: "html", fileExtension: "html", mediaType: "text/html",
            summary: "A standalone, printable HTML page")
    }

    /// Renders the document through the `html` page template.
    package func render(_ document: Document, options: RenderOptions) throws -> Rendered {
        var writer = HTMLBlockWriter()
        writer.locale = document.metadata.locale
        let body = writer.html(for: document.blocks)
        var context = PageTemplateContext.make(for: document, options: options, body: body)
        context["pageMargin"] = Self.pageMargin(for: options.paper)
        let metadata = document.metadata
        context["hasFooter"] = !(metadata.sourceNote ?? "").isEmpty || !(metadata.date ?? "").isEmpty
        let page = try options.templates.render("html", context)
        return Rendered(page.withSingleTrailingNewline)
    }

    /// The page margin: three quarters of an inch on letter paper, 18 mm on A4.
    static func pageMargin(for paper: Paper) -> String {
        switch paper {
        case .letter: return "0.75in"
        case .a4: return "18mm"
        }
    }
}
