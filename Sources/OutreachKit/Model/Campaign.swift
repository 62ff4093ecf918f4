/// The whole body of campaign content: what every material is made from.
public struct Campaign: Sendable, Codable, Hashable {
    /// The campaign's name, such as "Blue Campaign".
    public var name: LocalizedText
    /// A short summary in CommonMark.
    public var summary: LocalizedText
    /// The locale plain strings in the content are written in.
    public var defaultLocale: String
    /// Every locale the content may use.
    public var locales: [String]
    /// The audiences materials and messages can be written for.
    public var audiences: [Audience]
    /// Ids of the contacts every material offers for reporting, in order.
    public var reportingContacts: [String]
    /// Every contact.
    public var contacts: [Contact]
    /// Every agency.
    public var agencies: [Agency]
    /// Every message, one entry per locale it is written in.
    public var messages: [Message]

    /// Creates a campaign.
    package init(
        name: LocalizedText, summary: LocalizedText, defaultLocale: String, locales: [String],
        audiences: [Audience], reportingContacts: [String], contacts: [Contact],
        agencies: [Agency], messages: [Message]
    ) {
        self.name = name
        self.summary = summary
        self.defaultLocale = defaultLocale
        self.locales = locales
        self.audiences = audiences
        self.reportingContacts = reportingContacts
        self.contacts = contacts
        self.agencies = agencies
        self.messages = messages
    }

    /// The agency with this id.
    public func agency(_ id: String) -> Agency? { agencies.first { $0.id == id } }
    /// The contact with this id.
    public func contact(_ id: String) -> Contact? { contacts.first { $0.id == id } }
    /// The audience with this id.
    public func audience(_ id: String) -> Audience? { audiences.first { $0.id == id } }

    /// The message with this id in `locale`, falling back to the default locale.
    public func message(_ id: String, locale: String) -> Message? {
        messages.first { $0.id == id && $0.locale == locale }
            ?? messages.first { $0.id == id && $0.locale == defaultLocale }
    }
}

/// A group of people a material or message is written for.
public struct Audience: Sendable, Codable, Hashable {
    /// A short id such as `public` or `law-enforcement`.
    public var id: String
    /// The audience's name as shown in materials.
    public var name: LocalizedText

    /// Creates an audience.
    package init(id: String, name: LocalizedText) {
        self.id = id
        self.name = name
    }
}
