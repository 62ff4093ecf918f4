/// A government body and its part in the campaign.
package struct Agency: Sendable, Codable, Hashable {
    /// What kind of body an agency is.
    package enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        case department
        case dhsComponent = "dhs-component"
        case taskForce = "task-force"
        case agency
        case office
    }

    /// A short id such as `ice`.
    package var id: String
    /// The full name.
    package var name: LocalizedText
    /// The acronym, such as "ICE".
    package var acronym: String?
    /// The id of the agency this one belongs to, such as `dhs`.
    package var parent: String?
    /// What kind of body this is.
    package var kind: Kind
    /// Ids of the bodies (such as a task force) this agency is a member of.
    package var memberOf: [String]
    /// What the agency does in this fight, in CommonMark.
    package var role: LocalizedText
    /// Its responsibilities, each in CommonMark.
    package var responsibilities: [LocalizedText]
    /// Key facts, each with a figure.
    package var keyFacts: [KeyFact]
    /// Its programs.
    package var programs: [Program]
    /// Where to learn more.
    package var learnMore: String?
    /// Ids of its contacts.
    package var contacts: [String]

    /// Creates an agency.
    package init(
        id: String, name: LocalizedText, acronym: String? = nil, parent: String? = nil, kind: Kind,
        memberOf: [String] = [], role: LocalizedText, responsibilities: [LocalizedText] = [],
        keyFacts: [KeyFact] = [], programs: [Program] = [], learnMore: String? = nil, contacts: [String] = []
    ) {
        self.id = id
        self.name = name
        self.acronym = acronym
        self.parent = parent
        self.kind = kind
        self.memberOf = memberOf
        self.role = role
        self.responsibilities = responsibilities
        self.keyFacts = keyFacts
        self.programs = programs
        self.learnMore = learnMore
        self.contacts = contacts
    }
}

/// A figure with what it counts, such as "327" "ports of entry".
package struct KeyFact: Sendable, Codable, Hashable {
    /// The figure as printed, such as "42,000+" ("Nearly 7,000" needs words in each locale).
    package var figure: LocalizedText
    /// What the figure counts.
    package var label: LocalizedText
    /// Where the figure comes from.
    package var source: LocalizedText?

    /// Creates a key fact.
    package init(figure: LocalizedText, label: LocalizedText, source: LocalizedText? = nil) {
        self.figure = figure
        self.label = label
        self.source = source
    }
}

/// A named program or resource an agency runs.
package struct Program: Sendable, Codable, Hashable {
    /// The program's name.
    package var name: LocalizedText
    /// What it is, in CommonMark.
    package var summary: LocalizedText
    /// Where to find it.
    package var url: String?

    /// Creates a program.
    package init(name: LocalizedText, summary: LocalizedText, url: String? = nil) {
        self.name = name
        self.summary = summary
        self.url = url
    }
}
