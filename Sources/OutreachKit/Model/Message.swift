/// One campaign message: a titled piece of CommonMark for some audiences.
package struct Message: Sendable, Codable, Hashable {
    /// A short id such as `indicators`; shared by its translations.
    package var id: String
    /// The locale this message is written in.
    package var locale: String
    /// The title.
    package var title: String
    /// The body in CommonMark.
    package var body: String
    /// A one- or two-sentence version in plain text, for text messages and social posts.
    package var short: String?
    /// Ids of the audiences it is for.
    package var audiences: [String]
    /// Free-form topics used to select messages, such as `indicators`.
    package var topics: [String]
    /// Ids of the agencies it concerns.
    package var agencies: [String]
    /// Where it was loaded from, for diagnostics.
    package var source: String?
    /// For a translation: the ``textDigest`` of the source it was translated from, as `translations mark` wrote it.
    package var translatedFrom: String?

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

extension Message {
    /// The first 16 hex digits of the SHA-256 of what a translator translates: title, short text and body.
    /// A translation records its source's digest; when the source changes, the translation is stale.
    package var textDigest: String {
        var digest = ContentDigest()
        digest.add(title)
        digest.add(short)
        digest.add(body)
        return String(digest.hex.prefix(16))
    }
}
