import Foundation

/// The string catalogs of every locale outreach can write in: the built-in
/// ones from `Templates/strings/`, each key overridable by a file of the same
/// name in a manifest's `templates/strings/` folder (as Hugo's `i18n/` works).
package struct StringCatalogs: Sendable, Hashable {
    /// The catalogs by locale.
    package private(set) var catalogs: [String: StringCatalog]

    /// The locale whose built-in catalog has every key; the others are checked against it.
    package static let referenceLocale = "en"

    /// The catalogs compiled into outreach.
    package static let builtIn: StringCatalogs = {
        var catalogs: [String: StringCatalog] = [:]
        for (file, text) in EmbeddedTemplates.strings {
            let locale = String(file.dropLast(".yml".count))
            // The built-in catalogs are checked by the tests; this sink's findings are theirs.
            catalogs[locale] = StringCatalog.parse(text, locale: locale, file: "Templates/strings/" + file, sink: DiagnosticSink())
        }
        return StringCatalogs(catalogs: catalogs)
    }()

    /// The locales with a catalog, sorted.
    package var locales: [String] { catalogs.keys.sorted() }

    /// The catalog for `locale`; a locale without one gets the reference catalog, which `validate` reports.
    package func catalog(for locale: String) -> StringCatalog {
        catalogs[locale] ?? catalogs[Self.referenceLocale] ?? StringCatalog(locale: locale, entries: [:], locations: [:], file: "")
    }

    /// Whether there is a catalog for `locale`.
    package func has(_ locale: String) -> Bool { catalogs[locale] != nil }

    /// These catalogs with the `*.yml` files of `folder` merged over them, key by key.
    func overriding(with folder: URL, displayPath: String, sink: DiagnosticSink) -> StringCatalogs {
        var merged = self
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yml") }.sorted()
        for file in files {
            let path = displayPath.hasSuffix("/") ? displayPath + file : displayPath + "/" + file
            guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) else {
                sink.error(.unreadableText, "cannot read string catalog as UTF-8", at: SourceLocation(file: path))
                continue
            }
            let locale = String(file.dropLast(".yml".count))
            let catalog = StringCatalog.parse(text, locale: locale, file: path, sink: sink)
            merged.catalogs[locale] = merged.catalogs[locale].map { $0.merging(catalog) } ?? catalog
        }
        return merged
    }

    /// Every catalog's missing keys and plural forms, against the built-in English catalog.
    package func problems() -> [Diagnostic] {
        guard let reference = Self.builtIn.catalogs[Self.referenceLocale] else { return [] }
        return locales.flatMap { catalogs[$0]?.problems(against: reference) ?? [] }
    }
}
