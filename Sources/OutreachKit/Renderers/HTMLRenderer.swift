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
        writer.qrCodes = options.qrCodes
        writer.locale = document.metadata.locale
        writer.strings = document.metadata.strings.isEmpty
            ? StringCatalogs.builtIn.catalog(for: document.metadata.locale).flattened : document.metadata.strings
        let body = writer.html(for: document.blocks)
        var context = PageTemplateContext.make(for: document, options: options, body: body)
        context["pageMargin"] = Self.pageMargin(for: options.paper)
        let metadata = document.metadata
        context["hasFooter"] = !(metadata.sourceNote ?? "").isEmpty || !(metadata.date ?? "").isEmpty
        context["printSize"] = options.printSize.rawValue
        context["paperName"] = options.paper.rawValue
        if let budget = metadata.pageBudget {
            context["pageBudget"] = String(options.printSize == .large ? budget * 2 : budget)
        }
        context["runningFooter"] = Self.runningFooter(metadata)
        return Rendered(files: [RenderedFile(contents: try options.templates.renderPage("html", context, body: body))])
    }

    /// The page margin: half an inch on letter paper, 13 mm on A4, with room at the
    /// bottom for the running footer.
    static func pageMargin(for paper: Paper) -> String {
        switch paper {
        case .letter: return "0.5in 0.5in 0.6in"
        case .a4: return "13mm 13mm 15mm"
        }
    }

    /// The running footer's left part on every printed page, as a CSS string
    /// literal: the title, the date (as the locale writes it) and the source line, joined by " · ".
    static func runningFooter(_ metadata: DocumentMetadata) -> String {
        let parts = [metadata.title, metadata.dateText ?? metadata.date, metadata.sourceNote].compactMap { $0 }.filter { !$0.isEmpty }
        return CSSString.literal(parts.joined(separator: " · "))
    }
}
