/// The campaign as external formats receive it: every text resolved to one
/// locale (falling back to the content's default), one entry per message id,
/// plain JSON values only. Fields marked CommonMark in the model stay CommonMark.
extension Campaign {
    func externalJSON(locale: String) -> JSONValue {
        func text(_ value: LocalizedText) -> JSONValue { .string(value.resolved(locale, fallback: defaultLocale)) }
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        func optional(_ value: String?) -> JSONValue? { value.map(JSONValue.string) }

        var messageIDs: [String] = []
        for message in messages where !messageIDs.contains(message.id) { messageIDs.append(message.id) }
        let localized = messageIDs.compactMap { self.message($0, locale: locale) }

        let agencyList: [JSONValue] = agencies.map { agency in
            var object: [String: JSONValue] = [
                "id": .string(agency.id), "name": text(agency.name), "kind": .string(agency.kind.rawValue),
                "memberOf": strings(agency.memberOf), "role": text(agency.role),
                "responsibilities": .array(agency.responsibilities.map(text)),
                "keyFacts": .array(agency.keyFacts.map { fact in
                    var object: [String: JSONValue] = ["figure": .string(fact.figure), "label": text(fact.label)]
                    object["source"] = optional(fact.source)
                    return .object(object)
                }),
                "programs": .array(agency.programs.map { program in
                    var object: [String: JSONValue] = ["name": text(program.name), "summary": text(program.summary)]
                    object["url"] = optional(program.url)
                    return .object(object)
                }),
                "contacts": strings(agency.contacts),
            ]
            object["acronym"] = optional(agency.acronym)
            object["parent"] = optional(agency.parent)
            object["learnMore"] = optional(agency.learnMore)
            return .object(object)
        }

        let messageList: [JSONValue] = localized.map { message in
            var object: [String: JSONValue] = [
                "id": .string(message.id), "locale": .string(message.locale), "title": .string(message.title),
                "body": .string(message.body), "audiences": strings(message.audiences),
                "topics": strings(message.topics), "agencies": strings(message.agencies),
            ]
            object["short"] = optional(message.short)
            return .object(object)
        }

        let contactList: [JSONValue] = contacts.map { contact in
            var object: [String: JSONValue] = [
                "id": .string(contact.id), "name": text(contact.name),
                "otherPhones": .array(contact.otherPhones.map { .object(["label": text($0.label), "number": .string($0.number)]) }),
            ]
            object["phone"] = optional(contact.phone)
            object["text"] = contact.text.map { .object(["shortCode": .string($0.shortCode), "keywords": strings($0.keywords)]) }
            object["tty"] = optional(contact.tty)
            object["url"] = optional(contact.url)
            object["hours"] = contact.hours.map(text)
            object["languages"] = contact.languages.map(text)
            object["operatedBy"] = contact.operatedBy.map { .object(["name": .string($0.name), "kind": .string($0.kind.rawValue)]) }
            object["note"] = contact.note.map(text)
            return .object(object)
        }

        return .object([
            "name": text(name),
            "summary": text(summary),
            "locale": .string(locale),
            "audiences": .array(audiences.map { .object(["id": .string($0.id), "name": text($0.name)]) }),
            "reportingContacts": strings(reportingContacts),
            "agencies": .array(agencyList),
            "messages": .array(messageList),
            "contacts": .array(contactList),
        ])
    }
}
