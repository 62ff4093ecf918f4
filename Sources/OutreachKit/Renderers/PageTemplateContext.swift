/// The keys every page template receives, built the same way for each format.
///
/// Keys (strings unless noted; a key whose value is missing or empty is left
/// out, so `{{#subtitle}}…{{/subtitle}}` skips it): `title`, `subtitle`,
/// `locale`, `audience`, `date`, `sourceNote`, `material`, `layout`, `body`
/// (the renderer's pre-rendered blocks, to be used unescaped: `{{{body}}}`),
/// `paper` (the CSS `@page` size keyword), `textWidth`, `dateText` (the date
/// as the locale writes it), `strings` (the words of the document's locale, by
/// catalog key, as in `Templates/strings/en.yml`). Renderers add their own
/// keys on top, documented in each template.
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
        return context
    }
}
