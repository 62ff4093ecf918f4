import Foundation

/// A reference in message text to a field of a contact or of the campaign,
/// such as `{{contact.hotline.phone}}`, so each phone number is typed once
/// (in `contacts.yml`) and every message shows its current value. Layouts
/// put the values in; `validate` reports a reference to nothing, located.
struct ContentVariable: Hashable {
    /// The fields of a contact that a variable can name.
    static let contactFields = ["name", "phone", "otherPhone", "tty", "shortCode", "url"]

    enum Target: Hashable {
        case contact(id: String, field: String)
        case campaignName
    }

    let target: Target

    /// Parses the text between `{{` and `}}`; nil when it is not a known form.
    init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts == ["campaign", "name"] {
            target = .campaignName
        } else if parts.count == 3, parts[0] == "contact", Identifier.isValid(parts[1]), Self.contactFields.contains(parts[2]) {
            target = .contact(id: parts[1], field: parts[2])
        } else {
            return nil
        }
    }

    /// Each `{{…}}` in `text` with the range it covers, in order.
    static func references(in text: String) -> [(text: String, range: Range<String.Index>)] {
        var found: [(String, Range<String.Index>)] = []
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            found.append((String(rest[open.upperBound..<close.lowerBound]), open.lowerBound..<close.upperBound))
            rest = rest[close.upperBound...]
        }
        return found
    }
}


extension LayoutInput {
    /// `text` with every content variable replaced by its value in the material's locale;
    /// one that names nothing (which `validate` reports) is left as written.
    func resolvingVariables(_ text: String) -> String {
        guard Self.mayHoldVariable(text) else { return text }
        var result = ""
        var last = text.startIndex
        for reference in ContentVariable.references(in: text) {
            result += text[last..<reference.range.lowerBound]
            result += value(of: ContentVariable(reference.text)) ?? String(text[reference.range])
            last = reference.range.upperBound
        }
        return result + text[last...]
    }

    /// Whether `text` has a `{{` anywhere, found by scanning its bytes: Foundation's
    /// `contains` on a String goes through NSString, a cost every title and short text paid.
    static func mayHoldVariable(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x7B && previous == 0x7B { return true }
            previous = byte
        }
        return false
    }

    private func value(of variable: ContentVariable?) -> String? {
        switch variable?.target {
        case .campaignName: return self.text(campaign.name)
        case .contact(let id, let field):
            guard let contact = campaign.contact(id) else { return nil }
            switch field {
            case "name": return self.text(contact.name)
            case "phone": return contact.phone
            case "otherPhone": return contact.otherPhones.first?.number
            case "tty": return contact.tty
            case "shortCode": return contact.text?.shortCode
            case "url": return contact.url.map(displayAddress)
            default: return nil
            }
        case nil: return nil
        }
    }
}
