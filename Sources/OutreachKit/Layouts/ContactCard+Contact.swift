import Foundation

extension LayoutInput {
    /// A contact as a card: phone, text, TTY, web, hours, languages, and who runs it.
    func card(for contact: Contact) -> ContactCard {
        var card = ContactCard(name: text(contact.name), entries: [], id: contact.id)
        if let phone = contact.phone {
            card.phone = ContactCard.Phone(number: phone, url: TelephoneAddress.url(for: phone))
            card.entries.append(.init(label: label(.call), value: phone, url: TelephoneAddress.url(for: phone)))
        }
        for other in contact.otherPhones {
            card.otherPhones.append(ContactCard.Phone(label: text(other.label), number: other.number, url: TelephoneAddress.url(for: other.number)))
            card.entries.append(.init(label: text(other.label), value: other.number, url: TelephoneAddress.url(for: other.number)))
        }
        if let line = contact.text {
            card.textLine = ContactCard.TextLine(shortCode: line.shortCode, keywords: line.keywords, url: smsURL(line))
            let words = line.keywords.map { "\"\($0)\"" }.joined(separator: " \(label(.or)) ")
            let value = words.isEmpty ? line.shortCode : "\(words) \(label(.to)) \(line.shortCode)"
            card.entries.append(.init(label: label(.text), value: value))
        }
        if let tty = contact.tty {
            card.tty = ContactCard.Phone(number: tty, url: TelephoneAddress.url(for: tty))
            card.entries.append(.init(label: label(.tty), value: tty, url: TelephoneAddress.url(for: tty)))
        }
        if let url = contact.url {
            card.website = ContactCard.Website(url: url, display: displayAddress(url))
            card.entries.append(.init(label: label(.online), value: displayAddress(url), url: url))
        }
        if let hours = contact.hours {
            card.hours = text(hours)
            card.entries.append(.init(label: label(.hours), value: text(hours)))
        }
        if let languages = contact.languages {
            card.languages = text(languages)
            card.entries.append(.init(label: label(.languages), value: text(languages)))
        }
        if let operatedBy = contact.operatedBy {
            let isNGO = operatedBy.kind == .nonGovernmental
            let name = text(operatedBy.name)
            card.operatedBy = ContactCard.Operator(name: name, isNonGovernmental: isNGO)
            let template = isNGO ? label(.operatedByNGO) : label(.operatedBy)
            card.notes.append([.text(template.filling(["name": name]))])
        }
        if let note = contact.note {
            let inlines = parsed.inlines(text(note))
            card.note = inlines
            card.notes.append(inlines)
        }
        card.qrTarget = card.website?.url ?? card.phone?.url
        return card
    }
}

/// An `sms:` address (RFC 5724) for a text line: its short code, with the first keyword as the body.
func smsURL(_ line: Contact.TextLine) -> String {
    let code = line.shortCode.filter { $0.isASCII && ($0.isNumber || $0.isLetter) }
    guard let keyword = line.keywords.first, !keyword.isEmpty else { return "sms:" + code }
    var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: "\u{0}"..."\u{7F}"))
    allowed.insert(charactersIn: "-._~")
    let body = keyword.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    return "sms:\(code)?body=\(body)"
}

/// An address as people write it: no scheme, no trailing slash.
func displayAddress(_ url: String) -> String {
    var text = url
    for prefix in ["https://", "http://", "mailto:", "tel:"] where text.hasPrefix(prefix) {
        text.removeFirst(prefix.count)
    }
    if text.hasSuffix("/") { text.removeLast() }
    return text
}
