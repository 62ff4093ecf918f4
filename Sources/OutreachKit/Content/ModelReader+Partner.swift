extension ModelReader {
    static let partnerKeys = ["id", "name", "locales", "contacts", "logo"]
    static let logoKeys = ["src", "alt"]

    func partner(_ value: YAMLValue) -> Partner? {
        guard let map = value.mapping("a partner", allowed: Self.partnerKeys) else { return nil }
        let id = self.id(map, kind: .partner)
        let name = text(map, "name", required: true)
        let locales = map.strings("locales").compactMap { locale, at -> String? in
            guard self.locales.contains(locale) else {
                sink.error(.unknownChoice, "unknown locale \(quoted(locale)) in a partner's 'locales'", at: at,
                           hint: "the campaign's locales: \(quotedList(self.locales))")
                return nil
            }
            return locale
        }
        let contacts = references(map, "contacts", kind: .contact)
        let logo = map["logo"].flatMap(self.logo)
        guard let id, let name else { return nil }
        return Partner(id: id, name: name, locales: locales, contacts: contacts, logo: logo)
    }

    private func logo(_ value: YAMLValue) -> Partner.Logo? {
        guard let map = value.mapping("'logo'", allowed: Self.logoKeys) else { return nil }
        let src = map.string("src", required: true)
        let alt = text(map, "alt", required: true)
        guard let src, let at = map["src"]?.at else { return nil }
        if let reason = assetPathProblem(src) {
            sink.error(.invalidAssetPath, "logo \(quoted(src)) \(reason)", at: at,
                       hint: "write the image's path in the output folder, such as 'assets/partners/logo.svg'")
            return nil
        }
        guard let alt else { return nil }
        if alt.values.values.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            sink.error(.imageWithoutAltText, "logo \(quoted(src)) has empty alt text", at: map["alt"]?.at ?? at,
                       hint: "say what the logo shows, such as 'Example City Coalition logo'")
            return nil
        }
        return Partner.Logo(src: src, alt: alt, location: at)
    }
}

/// Why `path` cannot name a file in the output folder, or nil when it can.
func assetPathProblem(_ path: String) -> String? {
    if path.contains(":") { return "is an address, not a path in the output folder" }
    return escapeReason(path).map { $0 }
}
