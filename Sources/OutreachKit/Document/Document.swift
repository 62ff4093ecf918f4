/// The one format-neutral tree every renderer works from.
///
/// Layouts build it from the campaign model; Markdown in content is parsed
/// into it with cmark. It is self-describing: ``Section`` blocks say which
/// message or agency their blocks are about, contact cards carry typed
/// fields, and the metadata carries what a page prints around the content.
/// Renderers never see the model.
public struct Document: Sendable, Codable, Hashable {
    /// Title, locale, audience and the other facts about the document.
    public var metadata: DocumentMetadata
    /// The content, top to bottom.
    public var blocks: [Block]

    /// Creates a document.
    public init(metadata: DocumentMetadata, blocks: [Block]) {
        self.metadata = metadata
        self.blocks = blocks
    }
}

/// Facts about a document that renderers put in headers and front matter.
public struct DocumentMetadata: Sendable, Codable, Hashable {
    /// The title.
    public var title: String
    /// A subtitle, such as the campaign name.
    public var subtitle: String?
    /// The locale code, such as `en`.
    public var locale: String
    /// The name of the audience it is for.
    public var audience: String?
    /// The date, `YYYY-MM-DD`, only when the manifest or `SOURCE_DATE_EPOCH` gives one.
    public var date: String?
    /// A line saying where the facts come from.
    public var sourceNote: String?
    /// The id of the material it was made for.
    public var material: String
    /// The layout that built it.
    public var layout: String
    /// The campaign's name in the document's locale.
    public var campaignName: String?
    /// The ids of the campaign's own reporting contacts, in the content's order;
    /// their cards are in the document's ``Section/Subject/reportingContacts`` section.
    public var reportingContacts: [String]
    /// How many printed pages the layout is designed to fit, on Letter and A4
    /// alike, in standard print (large print doubles it); nil when it has no budget.
    public var pageBudget: Int?
    /// The words outreach writes itself, in the document's locale, by catalog key
    /// (a plural's forms as `key.one`, `key.other`, ...), for page templates and template formats.
    public var strings: [String: String]
    /// ``date`` as the locale writes it, such as `29 de noviembre de 2026`.
    public var dateText: String?
    /// The local partner whose kit this is (a material with `each: partner`), or nil.
    public var partner: DocumentPartner?

    /// Creates metadata.
    public init(
        title: String, subtitle: String? = nil, locale: String, audience: String? = nil,
        date: String? = nil, sourceNote: String? = nil, material: String, layout: String,
        campaignName: String? = nil, reportingContacts: [String] = [], pageBudget: Int? = nil,
        strings: [String: String] = [:], dateText: String? = nil, partner: DocumentPartner? = nil
    ) {
        self.partner = partner
        self.pageBudget = pageBudget
        self.title = title
        self.subtitle = subtitle
        self.locale = locale
        self.audience = audience
        self.date = date
        self.sourceNote = sourceNote
        self.material = material
        self.layout = layout
        self.campaignName = campaignName
        self.reportingContacts = reportingContacts
        self.strings = strings
        self.dateText = dateText
    }
}

/// The local partner a document was made for: its name and logo, in the
/// document's locale. Its contacts are cards in the reporting-contacts section.
public struct DocumentPartner: Sendable, Codable, Hashable {
    /// The partner's id, as in `partners.yml`.
    public var id: String
    /// Its name.
    public var name: String
    /// Its logo, if it has one.
    public var logo: DocumentImage?

    /// Creates a partner entry.
    public init(id: String, name: String, logo: DocumentImage? = nil) {
        self.id = id
        self.name = name
        self.logo = logo
    }
}

/// An image in the output folder, with the text that stands for it.
public struct DocumentImage: Sendable, Codable, Hashable {
    /// The image's path relative to the output folder, such as `assets/partners/logo.svg`;
    /// a renderer makes it relative to its own file (``RenderOptions/outputPath``).
    public var src: String
    /// What the image shows.
    public var alt: String

    /// Creates an image.
    public init(src: String, alt: String) {
        self.src = src
        self.alt = alt
    }
}
