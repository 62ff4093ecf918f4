/// A part of a document that a layout placed for one thing it knows by id: a
/// campaign message, an agency, or the reporting contacts.
///
/// A section is transparent on the page: renderers write its blocks (its
/// heading first) as if they stood in its place. It exists so that a format
/// can tell what the blocks are about without reading rendered text: a
/// template format lists the document's messages from their sections, an
/// external format receives their ids.
public struct Section: Sendable, Codable, Hashable {
    /// What the section is about.
    public enum Subject: Sendable, Codable, Hashable {
        /// A campaign message, with its id and the facts a format needs about it.
        case message(PlacedMessage)
        /// An agency, with its id and name.
        case agency(PlacedAgency)
        /// The ways to report: its blocks include the contact cards.
        case reportingContacts
    }

    /// What the section is about.
    public var subject: Subject { didSet { share = nil } }
    /// The content, its heading first.
    public var blocks: [Block] { didSet { share = nil } }
    /// Set when a run shares this section, unchanged, among many documents
    /// (``SectionInterner``): what is made from it in one context is made once.
    /// Not part of its value; any change to the section lets it go.
    var share: SectionShare?

    private enum CodingKeys: String, CodingKey {
        case subject, blocks
    }

    /// Creates a section.
    public init(subject: Subject, blocks: [Block]) {
        self.subject = subject
        self.blocks = blocks
    }

    public static func == (lhs: Section, rhs: Section) -> Bool {
        if let share = lhs.share, share === rhs.share { return true }
        return lhs.subject == rhs.subject && lhs.blocks == rhs.blocks
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(subject)
        hasher.combine(blocks)
    }
}

/// A campaign message as a layout placed it, in the document's locale.
public struct PlacedMessage: Sendable, Codable, Hashable {
    /// The message's id, the same in every locale.
    public var id: String
    /// The locale of the text placed, such as `es`.
    public var locale: String
    /// The title, as placed in the section's heading.
    public var title: String
    /// A short form for text messages and cards, when the content gives one.
    public var short: String?
    /// The ids of the audiences it is written for.
    public var audiences: [String]
    /// Its topics.
    public var topics: [String]
    /// The ids of the agencies it is about.
    public var agencies: [String]
    /// The content file it came from, for diagnostics about it.
    public var source: String?

    /// Creates a placed message.
    public init(
        id: String, locale: String, title: String, short: String? = nil, audiences: [String] = [],
        topics: [String] = [], agencies: [String] = [], source: String? = nil
    ) {
        self.id = id
        self.locale = locale
        self.title = title
        self.short = short
        self.audiences = audiences
        self.topics = topics
        self.agencies = agencies
        self.source = source
    }
}

/// An agency as a layout placed it, in the document's locale.
public struct PlacedAgency: Sendable, Codable, Hashable {
    /// The agency's id.
    public var id: String
    /// Its name.
    public var name: String
    /// Its acronym, such as `ICE`.
    public var acronym: String?
    /// What kind of body it is, such as `dhs-component`.
    public var kind: String
    /// The id of the agency it is part of, if any.
    public var parent: String?
    /// The ids of the bodies it is a member of.
    public var memberOf: [String]
    /// The ids of its contacts.
    public var contacts: [String]
    /// The address of its own page.
    public var learnMore: String?

    /// Creates a placed agency.
    public init(
        id: String, name: String, acronym: String? = nil, kind: String, parent: String? = nil,
        memberOf: [String] = [], contacts: [String] = [], learnMore: String? = nil
    ) {
        self.id = id
        self.name = name
        self.acronym = acronym
        self.kind = kind
        self.parent = parent
        self.memberOf = memberOf
        self.contacts = contacts
        self.learnMore = learnMore
    }
}

extension Array where Element == Block {
    /// The blocks with every section replaced by its own blocks, at this level only.
    ///
    /// Writers call it on each list of blocks they write, so a section reads
    /// exactly as its blocks would in its place.
    public func expandingSections() -> [Block] {
        guard contains(where: \.isSection) else { return self }
        var result: [Block] = []
        result.reserveCapacity(count)
        for block in self {
            if case .section(let section) = block {
                result += section.blocks.expandingSections()
            } else {
                result.append(block)
            }
        }
        return result
    }
}

extension Block {
    /// Whether the block is a ``Section``.
    var isSection: Bool {
        if case .section = self { return true }
        return false
    }
}
