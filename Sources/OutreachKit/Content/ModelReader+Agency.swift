extension ModelReader {
    static let agencyKeys = [
        "id", "name", "acronym", "kind", "parent", "memberOf", "role", "responsibilities",
        "keyFacts", "programs", "learnMore", "contacts",
    ]

    func agency(_ value: YAMLValue) -> Agency? {
        guard let map = value.mapping("an agency", allowed: Self.agencyKeys) else { return nil }
        let id = self.id(map, kind: .agency)
        let name = text(map, "name", required: true)
        let kind = map.choice("kind", Agency.Kind.self, required: true)
        let role = text(map, "role", required: true)
        let parent = map.string("parent")
        if let parent, let parentValue = map["parent"] { index.refer(.agency, parent, field: "parent", at: parentValue.at) }
        let responsibilities = map["responsibilities"]?.list("'responsibilities'")?
            .compactMap { text($0, what: "each responsibility") } ?? []
        let keyFacts = map["keyFacts"]?.list("'keyFacts'")?.compactMap(keyFact) ?? []
        let programs = map["programs"]?.list("'programs'")?.compactMap(program) ?? []
        let memberOf = references(map, "memberOf", kind: .agency)
        let contacts = references(map, "contacts", kind: .contact)
        let learnMore = url(map, "learnMore")
        guard let id, let name, let kind, let role else { return nil }
        return Agency(
            id: id, name: name, acronym: map.string("acronym"), parent: parent, kind: kind, memberOf: memberOf,
            role: role, responsibilities: responsibilities, keyFacts: keyFacts, programs: programs,
            learnMore: learnMore, contacts: contacts
        )
    }

    private func keyFact(_ value: YAMLValue) -> KeyFact? {
        guard let map = value.mapping("a key fact", allowed: ["figure", "label", "source"]) else { return nil }
        let figure = self.figure(map)
        let label = text(map, "label", required: true)
        guard let figure, let label else { return nil }
        return KeyFact(figure: figure, label: label, source: text(map, "source"))
    }

    /// A figure written once, such as "327", is the same in every locale; one with
    /// words, such as "Nearly 7,000", is a mapping of locale to text like any other text.
    private func figure(_ map: YAMLMapping) -> LocalizedText? {
        guard let figure = text(map, "figure", required: true) else { return nil }
        guard let value = map["figure"], case .scalar = value.node else { return figure }
        let written = figure.resolved(defaultLocale, fallback: defaultLocale)
        return LocalizedText(Dictionary(uniqueKeysWithValues: locales.map { ($0, written) }))
    }

    private func program(_ value: YAMLValue) -> Program? {
        guard let map = value.mapping("a program", allowed: ["name", "summary", "url"]) else { return nil }
        let name = text(map, "name", required: true)
        let summary = text(map, "summary", required: true)
        let url = self.url(map, "url")
        guard let name, let summary else { return nil }
        return Program(name: name, summary: summary, url: url)
    }
}
