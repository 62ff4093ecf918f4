extension ModelReader {
    static let contactKeys = ["id", "name", "phone", "otherPhones", "text", "tty", "url", "hours", "languages", "operatedBy", "note"]

    func contact(_ value: YAMLValue) -> Contact? {
        guard let map = value.mapping("a contact", allowed: Self.contactKeys) else { return nil }
        let id = self.id(map, kind: .contact)
        let name = text(map, "name", required: true)
        let otherPhones = map["otherPhones"]?.list("'otherPhones'")?.compactMap(labeledPhone) ?? []
        let textLine = map["text"].flatMap(self.textLine)
        let operatedBy = map["operatedBy"].flatMap(self.operatedBy)
        guard let id, let name else { return nil }
        return Contact(
            id: id, name: name, phone: phone(map, "phone"), otherPhones: otherPhones, text: textLine,
            tty: phone(map, "tty"), url: url(map, "url"), hours: text(map, "hours"),
            languages: text(map, "languages"), operatedBy: operatedBy, note: text(map, "note")
        )
    }

    private func labeledPhone(_ value: YAMLValue) -> LabeledPhone? {
        guard let map = value.mapping("an entry of 'otherPhones'", allowed: ["label", "number"]) else { return nil }
        let label = text(map, "label", required: true)
        let number = map.required("number") != nil ? phone(map, "number") : nil
        guard let label, let number else { return nil }
        return LabeledPhone(label: label, number: number)
    }

    private func textLine(_ value: YAMLValue) -> Contact.TextLine? {
        guard let map = value.mapping("'text'", allowed: ["shortCode", "keywords"]) else { return nil }
        guard let code = map.string("shortCode", required: true), let codeValue = map["shortCode"] else { return nil }
        guard (3...8).contains(code.count), code.allSatisfy(\.isNumber) else {
            sink.error(.malformedShortCode, "malformed text short code \(quoted(code))", at: codeValue.at, hint: "use 3 to 8 digits, quoted, such as \"233733\"")
            return nil
        }
        return Contact.TextLine(shortCode: code, keywords: map.strings("keywords").map(\.0))
    }

    private func operatedBy(_ value: YAMLValue) -> Contact.Operator? {
        guard let map = value.mapping("'operatedBy'", allowed: ["name", "kind"]) else { return nil }
        let name = text(map, "name", required: true)
        let kind = map.choice("kind", Contact.Operator.Kind.self, required: true)
        guard let name, let kind else { return nil }
        return Contact.Operator(name: name, kind: kind)
    }
}
