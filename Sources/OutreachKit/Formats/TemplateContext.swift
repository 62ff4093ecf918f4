import Mustache

/// The values a template format's templates receive.
///
/// Every object has all of its keys: a value that is missing is ``absent``,
/// which prints nothing and skips `{{#key}}…{{/key}}`, and which also stops
/// Mustache from looking the name up in an enclosing object (a contact with no
/// `tty` inside a message's section does not pick up something else's `tty`).
/// Keys ending in "rendered", and `body`, `role`, `summary`, `note` are already
/// in the base format: insert them with `{{{…}}}`. Lists keep the content's
/// order. The keys are listed in the "Writing a template format" article.
///
/// - `format`: `name`, `extension`, `mediaType`, `base`.
/// - `metadata`: `title`, `subtitle`, `locale`, `audience`, `date`, `sourceNote`, `material`, `layout`.
/// - `settings`: `paper` (the CSS `@page` size), `textWidth`.
/// - `document`: `body`; `blocks` (`kind`, `rendered`, `text`, `level`, `isHeading` … `isThematicBreak`);
///   `sections` (`title`, `rendered`, `text`, `blocks`); `messages` (the campaign messages whose title is a
///   heading of the document, in document order, shaped like `campaign.messages`).
/// - `campaign`: `name`, `summary`, `summaryText`, `agencies`, `messages` (the document's locale, falling back
///   to the default), `contacts`, `reportingContacts` (in `campaign.yml` order).
/// - `options`: the manifest's options for the format, as plain values.
struct TemplateContext {
    /// A value that is not there.
    static let absent = AbsentValue()

    let document: Document
    let options: RenderOptions
    let format: FormatDescriptor
    let writer: BaseFormatWriter

    /// The whole context.
    func values(documentMessages: [Message]) -> [String: Any] {
        let metadata = document.metadata
        return [
            "format": [
                "name": format.name, "extension": format.fileExtension, "mediaType": format.mediaType,
                "base": writer.base.rawValue,
            ],
            "metadata": [
                "title": metadata.title, "subtitle": value(metadata.subtitle), "locale": metadata.locale,
                "audience": value(metadata.audience), "date": value(metadata.date),
                "sourceNote": value(metadata.sourceNote), "material": metadata.material, "layout": metadata.layout,
            ],
            "settings": ["paper": options.paper.cssSize, "textWidth": options.textWidth],
            "document": [
                "body": writer.body(document.blocks),
                "blocks": blocks(document.blocks),
                "sections": sections(),
                "messages": documentMessages.map { message($0, inDocument: true) },
            ],
            "campaign": campaign(documentMessages: documentMessages),
            "options": plain(.object(options.formatOptions)),
        ]
    }

    /// The campaign's messages in the document's locale, each falling back to the default locale.
    static func messages(of campaign: Campaign, locale: String) -> [Message] {
        var ids: [String] = []
        for message in campaign.messages where !ids.contains(message.id) { ids.append(message.id) }
        return ids.compactMap { campaign.message($0, locale: locale) }
    }

    /// The messages whose title is a heading of `document`, in the order of the headings.
    static func messages(in document: Document, from messages: [Message]) -> [Message] {
        var found: [Message] = []
        for case .heading(_, let content) in document.blocks {
            let title = content.plainText.trimmingCharacters(in: .whitespaces)
            if let message = messages.first(where: { $0.title == title }), !found.contains(message) {
                found.append(message)
            }
        }
        return found
    }

    private func value(_ text: String?) -> Any {
        guard let text, !text.isEmpty else { return Self.absent }
        return text
    }

    private func blocks(_ blocks: [Block]) -> [[String: Any]] {
        zip(blocks, writer.each(blocks)).map { block, rendered in
            var item: [String: Any] = ["kind": block.kindName, "rendered": rendered, "text": writer.plainText(block)]
            item["level"] = Self.absent
            if case .heading(let level, _) = block { item["level"] = level }
            for kind in Block.kindNames {
                item["is" + kind.prefix(1).uppercased() + kind.dropFirst()] = kind == block.kindName
            }
            return item
        }
    }

    /// The top-level blocks split at each heading of level 2 or above; blocks
    /// before the first such heading form a section with no title.
    private func sections() -> [[String: Any]] {
        var groups: [(heading: [Inline]?, blocks: [Block])] = []
        for block in document.blocks {
            if case .heading(let level, let content) = block, level <= 2 {
                groups.append((content, []))
            } else if groups.isEmpty {
                groups.append((nil, [block]))
            } else {
                groups[groups.count - 1].blocks.append(block)
            }
        }
        return groups.map { group in
            [
                "title": group.heading.map { writer.inline($0) } ?? Self.absent,
                "titleText": group.heading.map { writer.plainText(.heading(level: 2, content: $0)) } ?? Self.absent,
                "rendered": writer.section(group.blocks),
                "text": writer.plainText(group.blocks),
                "blocks": blocks(group.blocks),
            ]
        }
    }

    private func campaign(documentMessages: [Message]) -> Any {
        guard let campaign = options.campaign else { return Self.absent }
        let locale = document.metadata.locale
        func text(_ value: LocalizedText) -> String { value.resolved(locale, fallback: campaign.defaultLocale) }
        let summary = text(campaign.summary)
        return [
            "name": text(campaign.name),
            "summary": writer.markdown(summary),
            "summaryText": writer.plainText(markdown: summary),
            "agencies": campaign.agencies.map { agency($0, text: text) },
            "messages": Self.messages(of: campaign, locale: locale).map { message($0, inDocument: documentMessages.contains($0)) },
            "contacts": campaign.contacts.map { contact($0, text: text) },
            "reportingContacts": campaign.reportingContacts.compactMap(campaign.contact).map { contact($0, text: text) },
        ] as [String: Any]
    }

    private func message(_ message: Message, inDocument: Bool) -> [String: Any] {
        let smsText = message.short ?? message.title
        let sms = SMSSegments(smsText)
        return [
            "id": message.id, "locale": message.locale, "title": message.title, "short": value(message.short),
            "text": writer.plainText(markdown: message.body), "body": writer.markdown(message.body),
            "audiences": message.audiences, "topics": message.topics, "agencies": message.agencies,
            "inDocument": inDocument,
            "sms": [
                "text": smsText, "characters": sms.characters, "encoding": sms.encoding.rawValue,
                "segments": sms.segments, "multipart": sms.isMultipart,
            ] as [String: Any],
        ]
    }

    private func agency(_ agency: Agency, text: (LocalizedText) -> String) -> [String: Any] {
        [
            "id": agency.id, "name": text(agency.name), "acronym": value(agency.acronym), "kind": agency.kind.rawValue,
            "parent": value(agency.parent), "memberOf": agency.memberOf,
            "role": writer.markdown(text(agency.role)), "roleText": writer.plainText(markdown: text(agency.role)),
            "responsibilities": agency.responsibilities.map { item -> [String: Any] in
                let inlines = CommonMark.parseInline(text(item))
                return ["rendered": writer.inline(inlines), "text": writer.plain.inlines.text(inlines)]
            },
            "keyFacts": agency.keyFacts.map { fact -> [String: Any] in
                let label = CommonMark.parseInline(text(fact.label))
                return ["figure": fact.figure, "label": writer.inline(label), "labelText": writer.plain.inlines.text(label),
                        "source": value(fact.source)]
            },
            "programs": agency.programs.map { program -> [String: Any] in
                ["name": text(program.name), "summary": writer.markdown(text(program.summary)),
                 "summaryText": writer.plainText(markdown: text(program.summary)), "url": value(program.url)]
            },
            "learnMore": value(agency.learnMore), "contacts": agency.contacts,
        ]
    }

    private func contact(_ contact: Contact, text: (LocalizedText) -> String) -> [String: Any] {
        var textLine: Any = Self.absent
        if let line = contact.text {
            textLine = ["shortCode": line.shortCode, "keywords": line.keywords] as [String: Any]
        }
        var operatedBy: Any = Self.absent
        if let operator_ = contact.operatedBy {
            operatedBy = ["name": operator_.name, "kind": operator_.kind.rawValue,
                          "isNonGovernmental": operator_.kind == .nonGovernmental] as [String: Any]
        }
        let note = contact.note.map(text)
        return [
            "id": contact.id, "name": text(contact.name),
            "phone": value(contact.phone), "tel": value(contact.phone.map(TelephoneAddress.url(for:))),
            "otherPhones": contact.otherPhones.map { ["label": text($0.label), "number": $0.number, "tel": TelephoneAddress.url(for: $0.number)] },
            "text": textLine, "tty": value(contact.tty), "ttyTel": value(contact.tty.map(TelephoneAddress.url(for:))),
            "url": value(contact.url), "displayURL": value(contact.url.map(displayAddress)),
            "hours": value(contact.hours.map(text)), "languages": value(contact.languages.map(text)),
            "operatedBy": operatedBy,
            "note": value(note.map(writer.markdown)), "noteText": value(note.map(writer.plainText(markdown:))),
        ]
    }

    /// JSON as the plain values Mustache reads: strings, numbers, booleans, lists and objects.
    private func plain(_ json: JSONValue) -> Any {
        switch json {
        case .null: return Self.absent
        case .bool(let value): return value
        case .number(let value):
            if let int = json.intValue { return int }
            return value
        case .string(let value): return value
        case .array(let values): return values.map(plain)
        case .object(let object): return object.mapValues(plain)
        }
    }
}

/// A missing value: prints nothing and counts as false in a section.
struct AbsentValue: MustacheCustomRenderable, Sendable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

extension Block {
    /// Every block kind's name, as templates see it.
    static let kindNames = [
        "heading", "paragraph", "list", "quote", "code", "table", "callout", "contactCard", "factList", "thematicBreak",
    ]

    /// The block's kind, such as `contactCard`.
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
        }
    }
}
