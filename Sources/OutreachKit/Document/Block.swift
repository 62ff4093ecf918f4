/// A block of a document.
public indirect enum Block: Sendable, Codable, Hashable {
    /// A heading; level 1 is the document title's level.
    case heading(level: Int, content: [Inline])
    /// A paragraph.
    case paragraph([Inline])
    /// A list; each item is a list of blocks.
    case list(ordered: Bool, items: [[Block]])
    /// A block quote.
    case quote([Block])
    /// Preformatted text.
    case code(String)
    /// A table with a header row.
    case table(header: [[Inline]], rows: [[[Inline]]])
    /// A boxed note, warning or tip with an optional title.
    case callout(Callout)
    /// A way to reach someone, shown as a card.
    case contactCard(ContactCard)
    /// Figures with what they count.
    case factList([Fact])
    /// A thematic break.
    case thematicBreak
    /// Blocks a layout placed for one message, agency or the reporting
    /// contacts; written as its blocks would be in its place.
    case section(Section)
}

/// A boxed aside.
public struct Callout: Sendable, Codable, Hashable {
    /// What kind of aside it is.
    public enum Kind: String, Sendable, Codable, Hashable {
        case note, important, tip
    }

    /// What kind of aside it is.
    public var kind: Kind
    /// An optional title.
    public var title: String?
    /// The content.
    public var blocks: [Block]

    /// Creates a callout.
    public init(kind: Kind, title: String? = nil, blocks: [Block]) {
        self.kind = kind
        self.title = title
        self.blocks = blocks
    }
}

/// A figure with what it counts.
public struct Fact: Sendable, Codable, Hashable {
    /// The figure as printed, such as "327".
    public var figure: String
    /// What it counts.
    public var label: [Inline]

    /// Creates a fact.
    public init(figure: String, label: [Inline]) {
        self.figure = figure
        self.label = label
    }
}
