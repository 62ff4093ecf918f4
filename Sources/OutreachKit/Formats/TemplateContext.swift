internal import Mustache

/// The values a template format's templates receive, built from the
/// ``Document`` alone: its metadata, its blocks written in the base format, and
/// the messages, agencies and contact cards its layout placed.
///
/// Every object has all of its keys: a value that is missing is absent, which
/// prints nothing and skips `{{#key}}…{{/key}}`, and which also stops Mustache
/// from looking the name up in an enclosing object (a contact with no `tty`
/// inside a message's section does not pick up something else's `tty`). Keys
/// ending in "rendered", and `body`, `note`, `title` of sections, are already in
/// the base format: insert them with `{{{…}}}`. The keys are listed in the
/// "Writing a template format" article.
struct TemplateContext: TemplateObject {
    let format: FormatContext
    let metadata: MetadataContext
    let settings: SettingsContext
    let document: DocumentContext
    /// The campaign as the document shows it; kept for templates written before `document` held it all.
    let campaign: CampaignContext
    let options: TemplateJSON
    /// The words of the document's locale by catalog key, as the layout resolved them.
    let strings: [String: String]

    init(document: Document, options: RenderOptions, format: FormatDescriptor, writer: BaseFormatWriter, sheet: [PlacedMessage] = []) {
        var meta = document.metadata
        // A document built by hand, not by a layout, gets the built-in words of its locale.
        if meta.strings.isEmpty { meta.strings = StringCatalogs.builtIn.catalog(for: meta.locale).flattened }
        let counted = CountedWords(strings: meta.strings, locale: meta.locale)
        let messages = document.placedMessages.map {
            MessageContext($0.message, blocks: $0.blocks, writer: writer, counted: counted)
        }
        strings = meta.strings
        self.format = FormatContext(
            name: format.name, extension: format.fileExtension, mediaType: format.mediaType, base: writer.base.rawValue)
        metadata = MetadataContext(
            title: meta.title, subtitle: meta.subtitle.nonEmpty, locale: meta.locale, audience: meta.audience.nonEmpty,
            date: meta.date.nonEmpty, dateText: meta.dateText.nonEmpty, sourceNote: meta.sourceNote.nonEmpty,
            material: meta.material, layout: meta.layout, campaignName: meta.campaignName.nonEmpty,
            partner: meta.partner.map { PartnerContext($0, metadata: meta, options: options) })
        settings = SettingsContext(paper: options.paper.cssSize, textWidth: options.textWidth)
        let flat = document.blocks.expandingSections()
        self.document = DocumentContext(
            body: writer.body(document.blocks), blocks: BlockContext.list(flat, writer: writer),
            sections: SectionContext.list(flat, writer: writer), messages: messages,
            sheet: sheet.map { placed in messages.first { $0.id == placed.id } }.compactMap { $0 })
        campaign = CampaignContext(
            name: meta.campaignName.nonEmpty,
            agencies: document.placedAgencies.map { AgencyContext($0.agency, blocks: $0.blocks, writer: writer) },
            messages: messages,
            contacts: document.contactCards.map { ContactContext($0, writer: writer, qrCodes: options.qrCodes, strings: meta.strings) },
            reportingContacts: document.reportingContactCards.map {
                ContactContext($0, writer: writer, qrCodes: options.qrCodes, strings: meta.strings)
            })
        self.options = TemplateJSON(.object(options.formatOptions))
    }
}

struct FormatContext: TemplateObject {
    let name: String
    let `extension`: String
    let mediaType: String
    let base: String
}

struct MetadataContext: TemplateObject {
    let title: String
    let subtitle: String?
    let locale: String
    let audience: String?
    let date: String?
    /// The date as the locale writes it.
    let dateText: String?
    let sourceNote: String?
    let material: String
    let layout: String
    let campaignName: String?
    /// The local partner of a partner's kit (`each: partner`).
    let partner: PartnerContext?
}

struct SettingsContext: TemplateObject {
    /// The CSS `@page` size.
    let paper: String
    let textWidth: Int
}

struct DocumentContext: TemplateObject {
    /// Every block, written as the base format writes a page body.
    let body: String
    let blocks: [BlockContext]
    /// The blocks split at each heading of level 2 or above.
    let sections: [SectionContext]
    /// The campaign messages the layout placed, in document order.
    let messages: [MessageContext]
    /// For formats with a `cards` sheet in `format.yml`: the message of every slot, all filled.
    let sheet: [MessageContext]
}

struct CampaignContext: TemplateObject {
    let name: String?
    let agencies: [AgencyContext]
    let messages: [MessageContext]
    let contacts: [ContactContext]
    let reportingContacts: [ContactContext]
}

/// One top-level block.
struct BlockContext: TemplateObject {
    let kind: String
    let rendered: String
    let text: String
    let level: Int?
    let isHeading: Bool, isParagraph: Bool, isList: Bool, isQuote: Bool, isCode: Bool, isTable: Bool
    let isCallout: Bool, isContactCard: Bool, isFactList: Bool, isThematicBreak: Bool

    static func list(_ blocks: [Block], writer: BaseFormatWriter) -> [BlockContext] {
        zip(blocks, writer.each(blocks)).map { block, rendered in
            let kind = block.kindName
            var level: Int?
            if case .heading(let headingLevel, _) = block { level = headingLevel }
            return BlockContext(
                kind: kind, rendered: rendered, text: writer.plainText(block), level: level,
                isHeading: kind == "heading", isParagraph: kind == "paragraph", isList: kind == "list",
                isQuote: kind == "quote", isCode: kind == "code", isTable: kind == "table", isCallout: kind == "callout",
                isContactCard: kind == "contactCard", isFactList: kind == "factList", isThematicBreak: kind == "thematicBreak")
        }
    }
}

/// The blocks under one heading of level 2 or above; the blocks before the first such heading have no title.
struct SectionContext: TemplateObject {
    let title: String?
    let titleText: String?
    let rendered: String
    let text: String
    let blocks: [BlockContext]

    static func list(_ blocks: [Block], writer: BaseFormatWriter) -> [SectionContext] {
        var groups: [(heading: [Inline]?, blocks: [Block])] = []
        for block in blocks {
            if case .heading(let level, let content) = block, level <= 2 {
                groups.append((content, []))
            } else if groups.isEmpty {
                groups.append((nil, [block]))
            } else {
                groups[groups.count - 1].blocks.append(block)
            }
        }
        return groups.map { group in
            SectionContext(
                title: group.heading.map { writer.inline($0) },
                titleText: group.heading.map { writer.plainText(.heading(level: 2, content: $0)) },
                rendered: writer.section(group.blocks), text: writer.plainText(group.blocks),
                blocks: BlockContext.list(group.blocks, writer: writer))
        }
    }
}

/// A campaign message the layout placed.
struct MessageContext: TemplateObject {
    let id: String
    let locale: String
    let title: String
    let short: String?
    /// The body as plain text.
    let text: String
    /// The body in the base format.
    let body: String
    let audiences: [String]
    let topics: [String]
    let agencies: [String]
    /// Always true: kept for templates that checked it when `campaign.messages` held every message.
    let inDocument: Bool
    let sms: SMSContext

    init(_ message: PlacedMessage, blocks: [Block], writer: BaseFormatWriter, counted: CountedWords) {
        let body = blocks.droppingLeadingHeading
        id = message.id
        locale = message.locale
        title = message.title
        short = message.short.nonEmpty
        text = writer.plainText(body)
        self.body = writer.body(body)
        audiences = message.audiences
        topics = message.topics
        agencies = message.agencies
        inDocument = true
        sms = SMSContext(message.short ?? message.title, counted: counted)
    }
}

/// An agency the layout placed.
struct AgencyContext: TemplateObject {
    let id: String
    let name: String
    let acronym: String?
    let kind: String
    let parent: String?
    let memberOf: [String]
    let contacts: [String]
    let learnMore: String?
    /// Its section, in the base format.
    let rendered: String
    /// Its section as plain text.
    let text: String

    init(_ agency: PlacedAgency, blocks: [Block], writer: BaseFormatWriter) {
        id = agency.id
        name = agency.name
        acronym = agency.acronym
        kind = agency.kind
        parent = agency.parent
        memberOf = agency.memberOf
        contacts = agency.contacts
        learnMore = agency.learnMore
        rendered = writer.section(blocks)
        text = writer.plainText(blocks)
    }
}

/// A contact card, as typed fields.
struct ContactContext: TemplateObject {
    struct Phone: TemplateObject {
        let label: String?
        let number: String
        let tel: String
    }

    struct TextLine: TemplateObject {
        let shortCode: String
        let keywords: [String]
        let url: String
    }

    struct Operator: TemplateObject {
        let name: String
        let kind: String
        let isNonGovernmental: Bool
        /// "Run by …", short, in the document's locale (`nonGovernmentalShort` or `operatedBy`).
        let line: String
    }

    let id: String?
    let name: String
    let phone: String?
    let tel: String?
    let otherPhones: [Phone]
    let text: TextLine?
    let tty: String?
    let ttyTel: String?
    let url: String?
    let displayURL: String?
    let hours: String?
    let languages: String?
    let operatedBy: Operator?
    /// The note in the base format.
    let note: String?
    let noteText: String?
    /// The address its QR code holds, when the card has one and QR codes are on.
    let qrTarget: String?
    /// The QR code as an inline SVG figure with the address under it (html base only): insert with `{{{qrFigure}}}`.
    let qrFigure: String?

    init(_ card: ContactCard, writer: BaseFormatWriter, qrCodes: Bool = true, strings: [String: String] = [:]) {
        id = card.id
        name = card.name
        phone = card.phone?.number
        tel = card.phone?.url
        otherPhones = card.otherPhones.map { Phone(label: $0.label, number: $0.number, tel: $0.url) }
        text = card.textLine.map { TextLine(shortCode: $0.shortCode, keywords: $0.keywords, url: $0.url) }
        tty = card.tty?.number
        ttyTel = card.tty?.url
        url = card.website?.url
        displayURL = card.website?.display
        hours = card.hours
        languages = card.languages
        operatedBy = card.operatedBy.map {
            Operator(name: $0.name, kind: $0.isNonGovernmental ? "non-governmental" : "government",
                     isNonGovernmental: $0.isNonGovernmental,
                     line: (strings[$0.isNonGovernmental ? "nonGovernmentalShort" : "operatedBy"] ?? "").filling(["name": $0.name]))
        }
        note = card.note.map { writer.body([.paragraph($0)]) }
        noteText = card.note.map { writer.plainText([.paragraph($0)]) }
        qrTarget = qrCodes ? card.qrTarget : nil
        qrFigure = writer.base == .html ? qrTarget.flatMap { HTMLBlockWriter.qrFigure($0, label: strings["qrCode"]) } : nil
    }
}

/// The manifest's options for a format, as the plain values Mustache reads.
struct TemplateJSON: MustacheParent, MustacheCustomRenderable {
    let value: JSONValue

    init(_ value: JSONValue) { self.value = value }

    func child(named name: String) -> Any? {
        guard case .object(let object) = value else { return nil }
        guard let child = object[name] else { return nil }
        return Self.plain(child)
    }

    var renderText: String { Self.plain(value).map { "\($0)" } ?? "" }
    var isNull: Bool { if case .null = value { return true } else { return false } }

    private static func plain(_ json: JSONValue) -> Any? {
        switch json {
        case .null: return AbsentValue()
        case .bool(let value): return value
        case .number(let value): return json.intValue ?? Int(exactly: value) ?? value
        case .string(let value): return value
        case .array(let values): return values.map { plain($0) ?? AbsentValue() }
        case .object: return TemplateJSON(json)
        }
    }
}

/// A context value whose stored properties are its keys; a `nil` property is
/// absent (it does not make Mustache look further up the stack).
protocol TemplateObject: MustacheParent {}

extension TemplateObject {
    func child(named name: String) -> Any? {
        for child in Mirror(reflecting: self).children where child.label == name {
            let mirror = Mirror(reflecting: child.value)
            guard mirror.displayStyle == .optional else { return child.value }
            return mirror.children.first?.value ?? AbsentValue()
        }
        return nil
    }
}

/// A missing value: prints nothing and counts as false in a section.
struct AbsentValue: MustacheCustomRenderable, Sendable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

extension Optional where Wrapped == String {
    /// The string, or nil when it is empty.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}

extension Block {
    /// The block's kind, as templates see it, such as `contactCard`.
    var kindName: String {
        switch self {
        case .heading: return "heading"
        case .paragraph: return "paragraph"
        case .list: return "list"
        case .quote: return "quote"
        case .code: return "code"
        case .table: return "table"
        case .callout: return "callout"
        case .contactCard: return "contactCard"
        case .factList: return "factList"
        case .thematicBreak: return "thematicBreak"
        case .section: return "section"
        }
    }
}
