import Foundation

/// How far each translation of the campaign's messages is behind its source:
/// per locale, the messages missing and the ones whose source changed since
/// they were translated (`translatedFrom` no longer matches the source's digest).
package struct TranslationStatus: Sendable, Hashable, Codable {
    /// One message in one locale.
    package struct Entry: Sendable, Hashable, Codable {
        /// `missing`, `stale`, `unmarked` (no `translatedFrom`) or `current`.
        package var state: String
        package var message: String
        package var locale: String
        /// The translation's file, or the source's when it is missing.
        package var file: String?
        /// The source's digest now, which `translations mark` writes.
        package var sourceDigest: String
        /// The digest the translation recorded, if any.
        package var translatedFrom: String?
    }

    /// The source locale: the campaign's default.
    package var source: String
    /// Every translation locale's entries, by locale then message id.
    package var entries: [Entry]

    /// The status of every message of `campaign` in every other locale it lists.
    package init(campaign: Campaign) {
        source = campaign.defaultLocale
        entries = []
        let sources = campaign.messages.filter { $0.locale == campaign.defaultLocale }.sorted { $0.id < $1.id }
        for locale in campaign.locales where locale != campaign.defaultLocale {
            for original in sources {
                let digest = original.textDigest
                guard let translation = campaign.messages.first(where: { $0.id == original.id && $0.locale == locale }) else {
                    entries.append(Entry(state: "missing", message: original.id, locale: locale, file: original.source, sourceDigest: digest))
                    continue
                }
                let state = translation.translatedFrom == nil ? "unmarked" : translation.translatedFrom == digest ? "current" : "stale"
                entries.append(Entry(state: state, message: original.id, locale: locale, file: translation.source,
                                     sourceDigest: digest, translatedFrom: translation.translatedFrom))
            }
        }
    }

    /// The entries in `state`.
    package func entries(_ state: String) -> [Entry] { entries.filter { $0.state == state } }

    /// Whether every translation is there and current.
    package var isComplete: Bool { entries.allSatisfy { $0.state == "current" } }
}

extension TranslationStatus {
    /// The status of the content the manifest at `url` names, with the content folder and its display path.
    package static func load(manifest url: URL, displayPath: String) throws(DiagnosticError) -> (TranslationStatus, URL, String) {
        let manifest = try ManifestLoader().load(url, displayPath: displayPath)
        let folder = manifest.resolve(manifest.content)
        let display = manifest.relative(manifest.content)
        let campaign = try ContentLoader(folder: folder, displayPath: display).load()
        return (TranslationStatus(campaign: campaign), folder, display)
    }
}
