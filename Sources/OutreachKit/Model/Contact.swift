/// A way to reach someone: a hotline, a tip line, a website.
public struct Contact: Sendable, Codable, Hashable {
    /// A text-message route: send `keyword` to `shortCode`.
    public struct TextLine: Sendable, Codable, Hashable {
        /// The number to text, such as "233733".
        public var shortCode: String
        /// The words to send, such as "HELP" or "INFO".
        public var keywords: [String]

        /// Creates a text line.
        package init(shortCode: String, keywords: [String]) {
            self.shortCode = shortCode
            self.keywords = keywords
        }
    }

    /// Who runs a contact.
    public struct Operator: Sendable, Codable, Hashable {
        /// Whether the operator is part of a government.
        public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
            case government
            case nonGovernmental = "non-governmental"
        }

        /// The operator's name.
        public var name: String
        /// What kind of organization it is.
        public var kind: Kind

        /// Creates an operator.
        package init(name: String, kind: Kind) {
            self.name = name
            self.kind = kind
        }
    }

    /// A short id such as `hotline`.
    public var id: String
    /// The contact's name.
    public var name: LocalizedText
    /// The main phone number.
    public var phone: String?
    /// More phone numbers, each with a label, such as a number for calls from abroad.
    public var otherPhones: [LabeledPhone]
    /// A text-message route.
    public var text: TextLine?
    /// A TTY or relay number.
    public var tty: String?
    /// A web address.
    public var url: String?
    /// When it answers.
    public var hours: LocalizedText?
    /// The languages it answers in.
    public var languages: LocalizedText?
    /// Who runs it.
    public var operatedBy: Operator?
    /// A note in CommonMark.
    public var note: LocalizedText?

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
public struct LabeledPhone: Sendable, Codable, Hashable {
    /// What the number is for, such as "From outside the U.S. and Canada".
    public var label: LocalizedText
    /// The number.
    public var number: String

    /// Creates a labeled phone number.
    package init(label: LocalizedText, number: String) {
        self.label = label
        self.number = number
    }
}
