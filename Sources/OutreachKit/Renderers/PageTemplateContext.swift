/// The keys every page template receives, built the same way for each format.
///
/// Keys (strings unless noted; a key whose value is missing or empty is left
/// out, so `{{#subtitle}}…{{/subtitle}}` skips it): `title`, `subtitle`,
/// `locale`, `audience`, `date`, `sourceNote`, `material`, `layout`, `body`
/// (the renderer's pre-rendered blocks, to be used unescaped: `{{{body}}}`),
/// `paper` (the CSS `@page` size keyword), `textWidth`, `dateText` (the date
/// as the locale writes it), `strings` (the words of the document's locale, by
/// catalog key, as in `Templates/strings/en.yml`), `partner` (a map, for a
/// partner's kit: `partner.name`, `partner.line` such as "Distributed by …",
/// and `partner.logo.src`, relative to the file being written, and
/// `partner.logo.alt` when it has a logo). Renderers add their own keys on
/// top, documented in each template.
enum PageTemplateContext {
    /// The shared keys for `document`, with `body` already rendered.
    static func make(for document: Document, options: RenderOptions, body: String) -> [String: Any] {
        let metadata = document.metadata
        var context: [String: Any] = [
            "title": metadata.title,
            "body": body,
            "paper": options.paper.cssSize,
            "textWidth": String(options.textWidth),
            // A document built by hand, not by a layout, gets the built-in words of its locale.
            "strings": metadata.strings.isEmpty ? StringCatalogs.builtIn.catalog(for: metadata.locale).flattened : metadata.strings,
            "rightToLeft": LocaleDirection.isRightToLeft(metadata.locale),
        ]
        let optional: [(String, String?)] = [
            ("subtitle", metadata.subtitle),
            ("locale", metadata.locale),
            ("audience", metadata.audience),
            ("date", metadata.date),
            ("dateText", metadata.dateText),
            ("sourceNote", metadata.sourceNote),
            ("material", metadata.material),
            ("layout", metadata.layout),
        ]
        for (key, value) in optional {
            if let value, !value.isEmpty { context[key] = value }
        }
        if let partner = metadata.partner { context["partner"] = partnerValues(partner, metadata: metadata, options: options) }
        return context
    }

    /// The partner's name, its "Distributed by …" line, and its logo with a path relative to the file being written.
    static func partnerValues(_ partner: DocumentPartner, metadata: DocumentMetadata, options: RenderOptions) -> [String: Any] {
        var values: [String: Any] = ["name": partner.name, "line": partnerLine(partner, metadata: metadata)]
        if let logo = partner.logo {
            values["logo"] = ["src": options.relativeReference(to: logo.src), "alt": logo.alt]
        }
        return values
    }

    /// "Distributed by NAME" in the document's locale.
    static func partnerLine(_ partner: DocumentPartner, metadata: DocumentMetadata) -> String {
        let template = metadata.strings["distributedBy"]
            ?? StringCatalogs.builtIn.catalog(for: metadata.locale).text(LayoutLabel.distributedBy.rawValue)
        return template.filling(["name": partner.name])
    }
}
