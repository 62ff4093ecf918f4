import Foundation

extension TemplateFormat {
    /// Reports, for one template of the format, each partial that is not a
    /// template of the folder (an error) and each variable no context value is
    /// ever named (a warning), at the tag's line and column.
    static func check(_ source: String, path: String, partials: Set<String>, sink: DiagnosticSink) {
        guard let tags = TemplateTag.tags(in: source) else { return }
        for tag in tags {
            let at = SourceLocation(file: path, line: tag.line, column: tag.column)
            if tag.sigil == ">" || tag.sigil == "<" {
                if !partials.contains(tag.name) {
                    sink.error(.missingPartial, "partial \(quoted(tag.name)) is not in \(quoted((path as NSString).deletingLastPathComponent))",
                               at: at, hint: "partials: \(quotedList(partials))")
                }
                continue
            }
            let keys = tag.keys
            guard let first = keys.first, first != "options" else { continue }
            if first == "strings", keys.count > 1 {
                let known = StringCatalogs.builtIn.catalog(for: StringCatalogs.referenceLocale).flattened
                let key = keys.dropFirst().joined(separator: ".")
                if known[key] == nil && !known.keys.contains(where: { $0.hasPrefix(key + ".") }) {
                    sink.report(.warning(
                        .unknownTemplateVariable,
                        "the string catalogs have no key \(quoted(key)) in \(quoted("{{" + tag.name + "}}")); it always prints nothing",
                        at: at, hint: "keys are in Templates/strings/en.yml"))
                }
                continue
            }
            if let unknown = keys.first(where: { !TemplateContext.allKeys.contains($0) }) {
                sink.report(.warning(
                    .unknownTemplateVariable,
                    "no context value is ever named \(quoted(unknown)) in \(quoted("{{" + tag.name + "}}")); it always prints nothing",
                    at: at, hint: "see the keys in 'Writing a template format'; values under 'options.' are not checked"))
            }
        }
    }
}

extension TemplateContext {
    /// Every key any value of a template context can have, found by walking a
    /// context built from a document that has every kind of part.
    static let allKeys: Set<String> = {
        var keys: Set<String> = []
        func collect(_ value: Any) {
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                if let wrapped = mirror.children.first?.value { collect(wrapped) }
                return
            }
            if mirror.displayStyle == .collection {
                for element in mirror.children { collect(element.value) }
                return
            }
            guard value is TemplateObject else { return }
            for child in mirror.children {
                guard let label = child.label else { continue }
                keys.insert(label)
                collect(child.value)
            }
        }
        let writer = BaseFormatWriter(base: .text, options: RenderOptions())
        collect(TemplateContext(document: sampleDocument, options: RenderOptions(),
                                format: FormatDescriptor(name: "f", fileExtension: "txt", mediaType: "text/plain", summary: ""),
                                writer: writer))
        return keys
    }()

    /// A document with a part of every kind, each optional value present.
    private static var sampleDocument: Document {
        let phone = ContactCard.Phone(label: "l", number: "1", url: "tel:1")
        let card = ContactCard(
            name: "n", entries: [], notes: [], id: "c", phone: phone, otherPhones: [phone],
            textLine: .init(shortCode: "1", keywords: ["k"], url: "sms:1"), tty: phone,
            website: .init(url: "https://x.org", display: "x.org"), hours: "h", languages: "l",
            operatedBy: .init(name: "o", isNonGovernmental: true), note: [.text("n")], qrTarget: "https://x.org")
        let metadata = DocumentMetadata(
            title: "t", subtitle: "s", locale: "en", audience: "a", date: "2026-01-01", sourceNote: "s", material: "m",
            layout: "l", campaignName: "c", reportingContacts: ["c"], strings: ["s": "s"], dateText: "d",
            partner: DocumentPartner(id: "p", name: "n", logo: DocumentImage(src: "s", alt: "a")))
        return Document(metadata: metadata, blocks: [
            .heading(level: 2, content: [.text("h")]),
            .section(Section(subject: .message(PlacedMessage(id: "m", locale: "en", title: "t", short: "s")),
                             blocks: [.heading(level: 2, content: [.text("t")])])),
            .section(Section(subject: .agency(PlacedAgency(id: "a", name: "n", acronym: "A", kind: "k", parent: "p",
                                                           learnMore: "https://x.org")), blocks: [])),
            .section(Section(subject: .reportingContacts, blocks: [.contactCard(card)])),
        ])
    }
}
