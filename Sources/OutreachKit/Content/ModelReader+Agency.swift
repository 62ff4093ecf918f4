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
        let figure = map.string("figure", required: true)
        let label = text(map, "label", required: true)
        guard let figure, let label else { return nil }
        return KeyFact(figure: figure, label: label, source: map.string("source"))
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
