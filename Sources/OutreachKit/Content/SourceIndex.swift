/// Where each id was defined and referenced while content was read, so that
/// validation can point at the exact line of a duplicate or a dangling reference.
final class SourceIndex {
    /// What a reference points at.
    enum Kind: String {
        case agency, contact, audience, message, partner
    }

    struct Definition {
        let kind: Kind
        let id: String
        let locale: String?
        let location: SourceLocation
    }

    struct Reference {
        let kind: Kind
        let id: String
        let field: String
        let location: SourceLocation
    }

    private(set) var definitions: [Definition] = []
    private(set) var references: [Reference] = []

    func define(_ kind: Kind, _ id: String, locale: String? = nil, at location: SourceLocation) {
        definitions.append(Definition(kind: kind, id: id, locale: locale, location: location))
    }

    func refer(_ kind: Kind, _ id: String, field: String, at location: SourceLocation) {
        references.append(Reference(kind: kind, id: id, field: field, location: location))
    }
}
