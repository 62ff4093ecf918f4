import Foundation

/// Reads a content folder (`campaign.yml`, `contacts.yml`, `agencies.yml`,
/// `messages/*.md`, and `partners.yml` when there is one) into a ``Campaign``,
/// reporting every problem it finds.
package struct ContentLoader: Sendable {
    /// The content folder.
    package var folder: URL
    /// How to name the folder in diagnostics, such as `content`.
    package var displayPath: String

    /// Creates a loader for a folder.
    package init(folder: URL, displayPath: String) {
        self.folder = folder
        self.displayPath = displayPath
    }

    /// Loads and validates the content; throws every problem found.
    package func load() throws(DiagnosticError) -> Campaign {
        let sink = DiagnosticSink()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            // Nothing inside can be read: one error, no cascade of missing files.
            let problem = isDirectory.boolValue || !FileManager.default.fileExists(atPath: folder.path) ? "does not exist" : "is a file, not a folder"
            throw DiagnosticError([.error(.contentFolderMissing, "content folder \(quoted(displayPath)) \(problem)", at: SourceLocation(file: displayPath),
                                          hint: "'content:' names the folder holding campaign.yml, contacts.yml, agencies.yml and messages/")])
        }
        let sources = SourceRecorder()
        let (read, index) = readCampaign(sink, sources)
        var campaign = read
        ContentValidator(campaign: campaign, index: index, sink: sink).validate()
        if sink.hasErrors { throw DiagnosticError(sink.diagnostics) }
        campaign.sourceDigest = sources.digest.hex
        return campaign
    }

    func path(_ name: String) -> String {
        displayPath.hasSuffix("/") ? displayPath + name : displayPath + "/" + name
    }

    /// The content files read, in the order they were read, by their path in the content folder
    /// (not as diagnostics name them, which depends on how the manifest was named), with their text.
    private final class SourceRecorder {
        var digest = ContentDigest()
        func record(_ file: String, _ text: String) {
            digest.add(file)
            digest.add(text)
        }
    }

    private func readYAML(_ name: String, required: Bool, _ sink: DiagnosticSink, _ sources: SourceRecorder) -> YAMLValue? {
        let url = folder.appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            if required { sink.error(.contentFileMissing, "missing content file \(quoted(name)) in \(quoted(displayPath))", at: SourceLocation(file: path(name))) }
            return nil
        }
        guard !isDirectory.boolValue else {
            sink.error(.contentFileMissing, "\(quoted(path(name))) is a folder, not a file", at: SourceLocation(file: path(name)),
                       hint: "\(name) must be a YAML file")
            return nil
        }
        guard let text = InputText.read(url, file: path(name), sink: sink) else { return nil }
        sources.record(name, text)
        return YAMLValue.parse(text, file: path(name), sink: sink)
    }

    private func readCampaign(_ sink: DiagnosticSink, _ sources: SourceRecorder) -> (Campaign, SourceIndex) {
        let keys = ["name", "summary", "locale", "locales", "audiences", "reportingContacts"]
        let root = readYAML("campaign.yml", required: true, sink, sources)?.mapping("campaign.yml", allowed: keys)
        let defaultLocale = root?.string("locale") ?? "en"
        let localeEntries = root?.strings("locales") ?? []
        var locales = localeEntries.map(\.0)
        if locales.isEmpty { locales = [defaultLocale] }
        if let root, !locales.contains(defaultLocale), let value = root["locale"] {
            sink.error(.defaultLocaleNotListed, "default locale \(quoted(defaultLocale)) is not in 'locales'", at: value.at, hint: "locales: \(quotedList(locales))")
        }
        if let root {
            for (tag, at) in [(defaultLocale, root["locale"]?.at)] + localeEntries.map({ ($0.0, Optional($0.1)) })
            where !LanguageTag.isWellFormed(tag) {
                sink.error(.invalidLocaleTag, "locale \(quoted(tag)) is not a BCP 47 language tag", at: at ?? root.at,
                           hint: "write a language tag such as 'en', 'es-MX' or 'zh-Hant'")
            }
        }
        let reader = ModelReader(defaultLocale: defaultLocale, locales: locales, sink: sink)

        let audiences = root?["audiences"]?.list("'audiences'")?.compactMap(reader.audience) ?? []
        let contacts = readYAML("contacts.yml", required: true, sink, sources)?.list("contacts.yml")?.compactMap(reader.contact) ?? []
        let agencies = readYAML("agencies.yml", required: true, sink, sources)?.list("agencies.yml")?.compactMap(reader.agency) ?? []
        let messages = readMessages(reader, sink, sources)
        let partners = readYAML("partners.yml", required: false, sink, sources)?.list("partners.yml")?.compactMap(reader.partner) ?? []
        reader.rememberReferences(root?.strings("reportingContacts") ?? [], kind: .contact, from: "reportingContacts")

        let campaign = Campaign(
            name: root.flatMap { reader.text($0, "name", required: true) } ?? LocalizedText("", locale: defaultLocale),
            summary: root.flatMap { reader.text($0, "summary") } ?? LocalizedText("", locale: defaultLocale),
            defaultLocale: defaultLocale,
            locales: locales,
            audiences: audiences,
            reportingContacts: root?.strings("reportingContacts").map(\.0) ?? [],
            contacts: contacts,
            agencies: agencies,
            messages: messages,
            partners: partners
        )
        return (campaign, reader.index)
    }

    private func readMessages(_ reader: ModelReader, _ sink: DiagnosticSink, _ sources: SourceRecorder) -> [Message] {
        let folder = self.folder.appendingPathComponent("messages")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            sink.error(.contentFileMissing, "\(quoted(path("messages"))) is a file, not a folder", at: SourceLocation(file: path("messages")),
                       hint: "messages/ holds one Markdown file per message")
            return []
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".md") }.sorted().compactMap { name in
            let file = path("messages/" + name)
            guard let text = InputText.read(folder.appendingPathComponent(name), file: file, sink: sink) else { return nil }
            sources.record("messages/" + name, text)
            return MessageFileReader(file: file, fileName: name, reader: reader).read(text)
        }
    }
}
