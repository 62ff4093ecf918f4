/// The whole body of campaign content: what every material is made from.
package struct Campaign: Sendable, Codable, Hashable {
    /// The campaign's name, such as "Blue Campaign".
    package var name: LocalizedText
    /// A short summary in CommonMark.
    package var summary: LocalizedText
    /// The locale plain strings in the content are written in.
    package var defaultLocale: String
    /// Every locale the content may use.
    package var locales: [String]
    /// The audiences materials and messages can be written for.
    package var audiences: [Audience]
    /// Ids of the contacts every material offers for reporting, in order.
    package var reportingContacts: [String]
    /// Every contact.
    package var contacts: [Contact]
    /// Every agency.
    package var agencies: [Agency]
    /// Every message, one entry per locale it is written in.
    package var messages: [Message]
    /// The local partners that hand out their own kits (`content/partners.yml`, optional).
    package var partners: [Partner]
    /// A SHA-256 over every content file the campaign was read from, by path, as it was read;
    /// nil for a campaign not read from files.
    package var sourceDigest: String?

    /// Creates a campaign.
    package init(
        name: LocalizedText, summary: LocalizedText, defaultLocale: String, locales: [String],
        audiences: [Audience], reportingContacts: [String], contacts: [Contact],
        agencies: [Agency], messages: [Message], partners: [Partner] = []
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
        self.partners = partners
    }

    /// The agency with this id.
    package func agency(_ id: String) -> Agency? { agencies.first { $0.id == id } }
    /// The contact with this id.
    package func contact(_ id: String) -> Contact? { contacts.first { $0.id == id } }
    /// The partner with this id.
    package func partner(_ id: String) -> Partner? { partners.first { $0.id == id } }
    /// The audience with this id.
    package func audience(_ id: String) -> Audience? { audiences.first { $0.id == id } }

    /// The message with this id in `locale`, falling back to the default locale.
    package func message(_ id: String, locale: String) -> Message? {
        messages.first { $0.id == id && $0.locale == locale }
            ?? messages.first { $0.id == id && $0.locale == defaultLocale }
    }
}

/// A group of people a material or message is written for.
package struct Audience: Sendable, Codable, Hashable {
    /// A short id such as `public` or `law-enforcement`.
    package var id: String
    /// The audience's name as shown in materials.
    package var name: LocalizedText

    /// Creates an audience.
    package init(id: String, name: LocalizedText) {
        self.id = id
        self.name = name
    }
}
