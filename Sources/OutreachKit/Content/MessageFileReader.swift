import Foundation

/// Reads one message file: YAML front matter between `---` lines, then CommonMark.
struct MessageFileReader {
    static let keys = ["id", "title", "short", "audiences", "topics", "agencies", "locale", "translatedFrom"]

    let file: String
    let fileName: String
    let reader: ModelReader

    func read(_ text: String) -> Message? {
        let sink = reader.sink
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard lines.first == "---" else {
            sink.error(.frontMatterMissing, "a message file must start with YAML front matter between '---' lines", at: SourceLocation(file: file, line: 1, column: 1),
                       hint: "begin the file with '---', then 'title:' and 'audiences:', then '---'")
            return nil
        }
        guard let end = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." }) else {
            sink.error(.frontMatterUnclosed, "front matter is not closed with a '---' line", at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        let untrimmed = lines[(end + 1)...].joined(separator: "\n")
        let body = untrimmed.trimmingCharacters(in: .whitespacesAndNewlines)
        // The body's first line in the file: after the closing '---' and any blank lines trimmed.
        let bodyLine = end + 2 + untrimmed.prefix { $0.isWhitespace }.filter { $0 == "\n" }.count
        if let deep = CommonMark.firstTooDeep(in: body) {
            sink.error(.markdownTooDeep, "the message nests quotes, lists, emphasis or links deeper than \(CommonMark.maximumDepth) levels",
                       at: SourceLocation(file: file, line: bodyLine + deep.line - 1, column: deep.column),
                       hint: "flatten the nesting")
            return nil
        }
        guard let front = YAMLValue.parse(yaml, file: file, lineOffset: 1, sink: sink)?
            .mapping("front matter", allowed: Self.keys) else { return nil }

        let (stem, nameLocale) = splitName()
        let locale = front.string("locale") ?? nameLocale ?? reader.defaultLocale
        if !reader.locales.contains(locale) {
            sink.error(.unknownLocale, "unknown locale \(quoted(locale))", at: front["locale"]?.at ?? SourceLocation(file: file, line: 1, column: 1),
                       hint: "locales in campaign.yml: \(quotedList(reader.locales))")
        }
        let id: String?
        if front["id"] != nil {
            id = reader.id(front, kind: .message, locale: locale)
        } else if Identifier.isValid(stem) {
            id = stem
            reader.index.define(.message, stem, locale: locale, at: SourceLocation(file: file, line: 1, column: 1))
        } else {
            sink.error(.messageFileNameNotAnID, "file name \(quoted(fileName)) is not a valid message id; add an 'id:' key",
                       at: SourceLocation(file: file, line: 1, column: 1))
            id = nil
        }
        let title = front.string("title", required: true)
        let audiences = reader.references(front, "audiences", kind: .audience)
        if front["audiences"] != nil, audiences.isEmpty {
            sink.error(.emptyValue, "'audiences' must name at least one audience", at: front["audiences"]?.at)
        } else if front["audiences"] == nil {
            _ = front.required("audiences")
        }
        if body.isEmpty {
            sink.error(.emptyMessageBody, "the message has no body after its front matter", at: SourceLocation(file: file, line: end + 2, column: 1))
        }
        let agencies = reader.references(front, "agencies", kind: .agency)
        guard let id, let title else { return nil }
        checkVariables(lines)
        var message = Message(
            id: id, locale: locale, title: title, body: body, short: front.string("short"), audiences: audiences,
            topics: front.strings("topics").map(\.0), agencies: agencies, source: file
        )
        message.translatedFrom = front.string("translatedFrom")
        return message
    }

    /// Reports each `{{…}}` that is not a content variable, and records the contacts they name
    /// so a reference to no contact is reported where it was written.
    private func checkVariables(_ lines: [Substring]) {
        for (index, line) in lines.enumerated() where line.contains("{{") {
            let text = String(line)
            for reference in ContentVariable.references(in: text) {
                let column = text.utf8.distance(from: text.startIndex, to: reference.range.lowerBound) + 1
                let at = SourceLocation(file: file, line: index + 1, column: column)
                guard let variable = ContentVariable(reference.text) else {
                    reader.sink.error(.unknownVariable, "unknown content variable \(quoted("{{" + reference.text + "}}"))", at: at,
                                      hint: "write {{contact.ID.FIELD}} with FIELD one of \(quotedList(ContentVariable.contactFields)), or {{campaign.name}}")
                    continue
                }
                if case .contact(let id, let field) = variable.target {
                    reader.index.refer(.contact, id, field: "{{contact.\(id).\(field)}}", at: at)
                }
            }
        }
    }

    /// `indicators.es.md` is message `indicators` in locale `es` when `es` is a content locale.
    private func splitName() -> (stem: String, locale: String?) {
        let stem = String(fileName.dropLast(".md".count))
        if let dot = stem.lastIndex(of: ".") {
            let suffix = String(stem[stem.index(after: dot)...])
            if reader.locales.contains(suffix) { return (String(stem[..<dot]), suffix) }
        }
        return (stem, nil)
    }
}
