/// The `campaign` block of a render request, kept for plugins written for
/// protocol 1.0 and deprecated since 1.1: it is built from the document alone,
/// so it lists only what the layout placed (the document's messages, agencies
/// and contact cards), never the rest of the campaign. New plugins read the
/// document's `section` blocks and typed contact cards instead.
extension Document {
    var campaignExternalJSON: JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(metadata.campaignName ?? metadata.subtitle ?? ""),
            "locale": .string(metadata.locale),
            "audiences": .array([]),
            "reportingContacts": .array(metadata.reportingContacts.map(JSONValue.string)),
            "agencies": .array(placedAgencies.map(\.agency.externalJSON)),
            "messages": .array(placedMessages.map { Self.messageJSON($0.message, blocks: $0.blocks) }),
            "contacts": .array(contactCards.filter { $0.id != nil }.map(Self.contactJSON)),
        ]
        object["deprecated"] = .string("built from the document since protocol 1.1; read the document's sections instead")
        return .object(object)
    }

    /// A placed message as 1.0 described it, its body as CommonMark.
    private static func messageJSON(_ message: PlacedMessage, blocks: [Block]) -> JSONValue {
        guard case .object(var object) = message.externalJSON else { return message.externalJSON }
        object["body"] = .string(MarkdownBlockWriter.lines(for: blocks.droppingLeadingHeading).joined(separator: "\n"))
        return .object(object)
    }

    /// A contact card as 1.0 described a contact.
    private static func contactJSON(_ card: ContactCard) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(card.id ?? ""), "name": .string(card.name),
            "otherPhones": .array(card.otherPhones.map { .object(["label": .string($0.label ?? ""), "number": .string($0.number)]) }),
        ]
        object["phone"] = card.phone.map { .string($0.number) }
        object["text"] = card.textLine.map {
            .object(["shortCode": .string($0.shortCode), "keywords": .array($0.keywords.map(JSONValue.string))])
        }
        object["tty"] = card.tty.map { .string($0.number) }
        object["url"] = card.website.map { .string($0.url) }
        object["hours"] = card.hours.map(JSONValue.string)
        object["languages"] = card.languages.map(JSONValue.string)
        object["operatedBy"] = card.operatedBy.map {
            .object(["name": .string($0.name), "kind": .string($0.isNonGovernmental ? "non-governmental" : "government")])
        }
        object["note"] = card.note.map { .string(MarkdownInlineWriter.paragraph($0)) }
        return .object(object)
    }
}

extension Array where Element == Block {
    /// The blocks without a heading at the start: a section's content under its title.
    var droppingLeadingHeading: [Block] {
        guard case .heading? = first else { return self }
        return Array(dropFirst())
    }
}
