extension LayoutInput {
    /// A contact as a card: phone, text, TTY, web, hours, languages, and who runs it.
    func card(for contact: Contact) -> ContactCard {
        var entries: [ContactCard.Entry] = []
        if let phone = contact.phone {
            entries.append(.init(label: label(.call), value: phone, url: TelephoneAddress.url(for: phone)))
        }
        for other in contact.otherPhones {
            entries.append(.init(label: text(other.label), value: other.number, url: TelephoneAddress.url(for: other.number)))
        }
        if let line = contact.text {
            let words = line.keywords.map { "\"\($0)\"" }.joined(separator: " \(label(.or)) ")
            let value = words.isEmpty ? line.shortCode : "\(words) \(label(.to)) \(line.shortCode)"
            entries.append(.init(label: label(.text), value: value))
        }
        if let tty = contact.tty {
            entries.append(.init(label: label(.tty), value: tty, url: TelephoneAddress.url(for: tty)))
        }
        if let url = contact.url {
            entries.append(.init(label: label(.online), value: displayAddress(url), url: url))
        }
        if let hours = contact.hours { entries.append(.init(label: label(.hours), value: text(hours))) }
        if let languages = contact.languages { entries.append(.init(label: label(.languages), value: text(languages))) }

        var notes: [[Inline]] = []
        if let operatedBy = contact.operatedBy {
            let template = operatedBy.kind == .nonGovernmental ? label(.operatedByNGO) : label(.operatedBy)
            notes.append([.text(template.filling(["name": operatedBy.name]))])
        }
        if let note = contact.note { notes.append(CommonMark.parseInline(text(note))) }
        return ContactCard(name: text(contact.name), entries: entries, notes: notes)
    }
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
