/// A way to reach someone: a hotline, a tip line, a website.
package struct Contact: Sendable, Codable, Hashable {
    /// A text-message route: send `keyword` to `shortCode`.
    package struct TextLine: Sendable, Codable, Hashable {
        /// The number to text, such as "233733".
        package var shortCode: String
        /// The words to send, such as "HELP" or "INFO".
        package var keywords: [String]

        /// Creates a text line.
        package init(shortCode: String, keywords: [String]) {
            self.shortCode = shortCode
            self.keywords = keywords
        }
    }

    /// Who runs a contact.
    package struct Operator: Sendable, Codable, Hashable {
        /// Whether the operator is part of a government.
        package enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
            case government
            case nonGovernmental = "non-governmental"
        }

        /// The operator's name, which may be translated like any text.
        package var name: LocalizedText
        /// What kind of organization it is.
        package var kind: Kind

        /// Creates an operator.
        package init(name: LocalizedText, kind: Kind) {
            self.name = name
            self.kind = kind
        }
    }

    /// A short id such as `hotline`.
    package var id: String
    /// The contact's name.
    package var name: LocalizedText
    /// The main phone number.
    package var phone: String?
    /// More phone numbers, each with a label, such as a number for calls from abroad.
    package var otherPhones: [LabeledPhone]
    /// A text-message route.
    package var text: TextLine?
    /// A TTY or relay number.
    package var tty: String?
    /// A web address.
    package var url: String?
    /// When it answers.
    package var hours: LocalizedText?
    /// The languages it answers in.
    package var languages: LocalizedText?
    /// Who runs it.
    package var operatedBy: Operator?
    /// A note in CommonMark.
    package var note: LocalizedText?

    /// Creates a contact.
    package init(
        id: String, name: LocalizedText, phone: String? = nil, otherPhones: [LabeledPhone] = [],
        text: TextLine? = nil, tty: String? = nil, url: String? = nil, hours: LocalizedText? = nil,
        languages: LocalizedText? = nil, operatedBy: Operator? = nil, note: LocalizedText? = nil
    ) {
        self.id = id
        self.name = name
        self.phone = phone
        self.otherPhones = otherPhones
        self.text = text
        self.tty = tty
        self.url = url
        self.hours = hours
        self.languages = languages
        self.operatedBy = operatedBy
        self.note = note
    }
}

/// A phone number with what it is for.
package struct LabeledPhone: Sendable, Codable, Hashable {
    /// What the number is for, such as "From outside the U.S. and Canada".
    package var label: LocalizedText
    /// The number.
    package var number: String

    /// Creates a labeled phone number.
    package init(label: LocalizedText, number: String) {
        self.label = label
        self.number = number
    }
}
