/// One campaign message: a titled piece of CommonMark for some audiences.
public struct Message: Sendable, Codable, Hashable {
    /// A short id such as `indicators`; shared by its translations.
    public var id: String
    /// The locale this message is written in.
    public var locale: String
    /// The title.
    public var title: String
    /// The body in CommonMark.
    public var body: String
    /// A one- or two-sentence version in plain text, for text messages and social posts.
    public var short: String?
    /// Ids of the audiences it is for.
    public var audiences: [String]
    /// Free-form topics used to select messages, such as `indicators`.
    public var topics: [String]
    /// Ids of the agencies it concerns.
    public var agencies: [String]
    /// Where it was loaded from, for diagnostics.
    public var source: String?

    /// Creates a message.
    package init(
        id: String, locale: String, title: String, body: String, short: String? = nil, audiences: [String],
        topics: [String] = [], agencies: [String] = [], source: String? = nil
    ) {
        self.id = id
        self.locale = locale
        self.title = title
        self.body = body
        self.short = short
        self.audiences = audiences
        self.topics = topics
        self.agencies = agencies
        self.source = source
    }
}
