import Foundation

/// Reads a content folder (`campaign.yml`, `contacts.yml`, `agencies.yml`,
/// `messages/*.md`) into a ``Campaign``, reporting every problem it finds.
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
            throw DiagnosticError([.error(.contentFolderMissing, "content folder \(quoted(displayPath)) does not exist", at: SourceLocation(file: displayPath))])
        }
        let (campaign, index) = readCampaign(sink)
        ContentValidator(campaign: campaign, index: index, sink: sink).validate()
        if sink.hasErrors { throw DiagnosticError(sink.diagnostics) }
        return campaign
    }

    func path(_ name: String) -> String {
        displayPath.hasSuffix("/") ? displayPath + name : displayPath + "/" + name
    }

    private func readYAML(_ name: String, required: Bool, _ sink: DiagnosticSink) -> YAMLValue? {
        let url = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            if required { sink.error(.contentFileMissing, "missing content file \(quoted(name)) in \(quoted(displayPath))", at: SourceLocation(file: path(name))) }
            return nil
        }
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            sink.error(.unreadableText, "cannot read \(quoted(name)) as UTF-8 text", at: SourceLocation(file: path(name)))
            return nil
        }
        return YAMLValue.parse(text, file: path(name), sink: sink)
    }

    private func readCampaign(_ sink: DiagnosticSink) -> (Campaign, SourceIndex) {
        let keys = ["name", "summary", "locale", "locales", "audiences", "reportingContacts"]
        let root = readYAML("campaign.yml", required: true, sink)?.mapping("campaign.yml", allowed: keys)
        let defaultLocale = root?.string("locale") ?? "en"
        var locales = root?.strings("locales").map(\.0) ?? []
        if locales.isEmpty { locales = [defaultLocale] }
        if let root, !locales.contains(defaultLocale), let value = root["locale"] {
            sink.error(.defaultLocaleNotListed, "default locale \(quoted(defaultLocale)) is not in 'locales'", at: value.at, hint: "locales: \(quotedList(locales))")
        }
        let reader = ModelReader(defaultLocale: defaultLocale, locales: locales, sink: sink)

        let audiences = root?["audiences"]?.list("'audiences'")?.compactMap(reader.audience) ?? []
        let contacts = readYAML("contacts.yml", required: true, sink)?.list("contacts.yml")?.compactMap(reader.contact) ?? []
        let agencies = readYAML("agencies.yml", required: true, sink)?.list("agencies.yml")?.compactMap(reader.agency) ?? []
        let messages = readMessages(reader, sink)
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
            messages: messages
        )
        return (campaign, reader.index)
    }

    private func readMessages(_ reader: ModelReader, _ sink: DiagnosticSink) -> [Message] {
        let folder = self.folder.appendingPathComponent("messages")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".md") }.sorted().compactMap { name in
            let file = path("messages/" + name)
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
                  let text = String(data: data, encoding: .utf8) else {
                sink.error(.unreadableText, "cannot read \(quoted(name)) as UTF-8 text", at: SourceLocation(file: file))
                return nil
            }
            return MessageFileReader(file: file, fileName: name, reader: reader).read(text)
        }
    }
}
