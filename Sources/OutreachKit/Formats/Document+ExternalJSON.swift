/// The document as external formats receive it: an explicit, documented JSON
/// shape (every node an object with a `type`), independent of how Swift's
/// `Codable` happens to encode the enums. Optional values are left out, never `null`.
extension Document {
    var externalJSON: JSONValue {
        .object(["metadata": metadata.externalJSON, "blocks": .array(blocks.map(\.externalJSON))])
    }
}

extension DocumentMetadata {
    var externalJSON: JSONValue {
        var object: [String: JSONValue] = [
            "title": .string(title), "locale": .string(locale), "material": .string(material), "layout": .string(layout),
        ]
        object["subtitle"] = subtitle.map(JSONValue.string)
        object["audience"] = audience.map(JSONValue.string)
        object["date"] = date.map(JSONValue.string)
        object["sourceNote"] = sourceNote.map(JSONValue.string)
        object["campaignName"] = campaignName.map(JSONValue.string)
        object["reportingContacts"] = .array(reportingContacts.map(JSONValue.string))
        object["pageBudget"] = pageBudget.map { .number(Double($0)) }
        object["partner"] = partner.map { partner in
            var value: [String: JSONValue] = ["id": .string(partner.id), "name": .string(partner.name)]
            value["logo"] = partner.logo.map { .object(["src": .string($0.src), "alt": .string($0.alt)]) }
            return .object(value)
        }
        return .object(object)
    }
}

extension Block {
    var externalJSON: JSONValue {
        switch self {
        case .heading(let level, let content):
            return node("heading", ["level": .number(Double(level)), "content": content.externalJSON])
        case .paragraph(let content):
            return node("paragraph", ["content": content.externalJSON])
        case .list(let ordered, let items):
            return node("list", ["ordered": .bool(ordered), "items": .array(items.map(\.externalJSON))])
        case .quote(let blocks):
            return node("quote", ["blocks": blocks.externalJSON])
        case .code(let text):
            return node("code", ["text": .string(text)])
        case .table(let header, let rows):
            return node("table", ["header": .array(header.map(\.externalJSON)),
                                  "rows": .array(rows.map { .array($0.map(\.externalJSON)) })])
        case .callout(let callout):
            var fields: [String: JSONValue] = ["kind": .string(callout.kind.rawValue), "blocks": callout.blocks.externalJSON]
            fields["title"] = callout.title.map(JSONValue.string)
            return node("callout", fields)
        case .contactCard(let card):
            return node("contactCard", card.externalJSONFields)
        case .factList(let facts):
            let list: [JSONValue] = facts.map { .object(["figure": .string($0.figure), "label": $0.label.externalJSON]) }
            return node("factList", ["facts": .array(list)])
        case .thematicBreak:
            return node("thematicBreak", [:])
        case .section(let section):
            var fields: [String: JSONValue] = ["blocks": section.blocks.externalJSON]
            switch section.subject {
            case .message(let message):
                fields["about"] = .string("message")
                fields["message"] = message.externalJSON
            case .agency(let agency):
                fields["about"] = .string("agency")
                fields["agency"] = agency.externalJSON
            case .reportingContacts:
                fields["about"] = .string("reportingContacts")
            }
            return node("section", fields)
        }
    }
}

extension ContactCard {
    /// The printed entries and notes, and the typed fields; optional fields are left out when absent.
    var externalJSONFields: [String: JSONValue] {
        let entries: [JSONValue] = self.entries.map { entry in
            var object: [String: JSONValue] = ["label": .string(entry.label), "value": .string(entry.value)]
            object["url"] = entry.url.map(JSONValue.string)
            return .object(object)
        }
        var fields: [String: JSONValue] = [
            "name": .string(name), "entries": .array(entries), "notes": .array(notes.map(\.externalJSON)),
            "otherPhones": .array(otherPhones.map(\.externalJSON)),
        ]
        fields["id"] = id.map(JSONValue.string)
        fields["phone"] = phone?.externalJSON
        fields["textLine"] = textLine.map { line in
            .object(["shortCode": .string(line.shortCode), "keywords": .array(line.keywords.map(JSONValue.string)),
                     "url": .string(line.url)])
        }
        fields["tty"] = tty?.externalJSON
        fields["website"] = website.map { .object(["url": .string($0.url), "display": .string($0.display)]) }
        fields["hours"] = hours.map(JSONValue.string)
        fields["languages"] = languages.map(JSONValue.string)
        fields["operatedBy"] = operatedBy.map {
            .object(["name": .string($0.name), "nonGovernmental": .bool($0.isNonGovernmental)])
        }
        fields["note"] = note?.externalJSON
        fields["qrTarget"] = qrTarget.map(JSONValue.string)
        return fields
    }
}

extension ContactCard.Phone {
    var externalJSON: JSONValue {
        var object: [String: JSONValue] = ["number": .string(number), "url": .string(url)]
        object["label"] = label.map(JSONValue.string)
        return .object(object)
    }
}

extension PlacedMessage {
    var externalJSON: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id), "locale": .string(locale), "title": .string(title),
            "audiences": .array(audiences.map(JSONValue.string)), "topics": .array(topics.map(JSONValue.string)),
            "agencies": .array(agencies.map(JSONValue.string)),
        ]
        object["short"] = short.map(JSONValue.string)
        return .object(object)
    }
}

extension PlacedAgency {
    var externalJSON: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id), "name": .string(name), "kind": .string(kind),
            "memberOf": .array(memberOf.map(JSONValue.string)), "contacts": .array(contacts.map(JSONValue.string)),
        ]
        object["acronym"] = acronym.map(JSONValue.string)
        object["parent"] = parent.map(JSONValue.string)
        object["learnMore"] = learnMore.map(JSONValue.string)
        return .object(object)
    }
}

extension Inline {
    var externalJSON: JSONValue {
        switch self {
        case .text(let text): return node("text", ["text": .string(text)])
        case .emphasis(let content): return node("emphasis", ["content": content.externalJSON])
        case .strong(let content): return node("strong", ["content": content.externalJSON])
        case .code(let text): return node("code", ["text": .string(text)])
        case .link(let url, let content): return node("link", ["url": .string(url), "content": content.externalJSON])
        case .lineBreak: return node("lineBreak", [:])
        case .softBreak: return node("softBreak", [:])
        }
    }
}

extension Array where Element == Block {
    var externalJSON: JSONValue { .array(map(\.externalJSON)) }
}

extension Array where Element == Inline {
    var externalJSON: JSONValue { .array(map(\.externalJSON)) }
}

private func node(_ type: String, _ fields: [String: JSONValue]) -> JSONValue {
    var object = fields
    object["type"] = .string(type)
    return .object(object)
}
