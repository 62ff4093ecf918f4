/// A contact shown as a card: a name, labeled ways to reach it, and notes.
///
/// ``entries`` and ``notes`` are the card as the built-in formats print it,
/// with labels in the document's locale. The typed fields say the same things
/// as data, with `tel:` and `sms:` addresses already made, for formats that
/// lay a card out their own way.
public struct ContactCard: Sendable, Codable, Hashable {
    /// One way to reach the contact.
    public struct Entry: Sendable, Codable, Hashable {
        /// What this way is, such as "Call" or "Text".
        public var label: String
        /// The value as printed, such as "1-888-373-7888".
        public var value: String
        /// An address for the value, such as `tel:+18883737888`.
        public var url: String?

        /// Creates an entry.
        public init(label: String, value: String, url: String? = nil) {
            self.label = label
            self.value = value
            self.url = url
        }
    }

    /// A phone number as printed, with its `tel:` address.
    public struct Phone: Sendable, Codable, Hashable {
        /// What the number is for, when it is not the main one.
        public var label: String?
        /// The number as printed, such as "1-888-373-7888".
        public var number: String
        /// Its `tel:` address in E.164 form, such as `tel:+18883737888`.
        public var url: String

        /// Creates a phone number.
        public init(label: String? = nil, number: String, url: String) {
            self.label = label
            self.number = number
            self.url = url
        }
    }

    /// A text-message route: send one of the keywords to the short code.
    public struct TextLine: Sendable, Codable, Hashable {
        /// The number to text, such as "233733".
        public var shortCode: String
        /// The words to send, such as "HELP".
        public var keywords: [String]
        /// An `sms:` address that opens a message with the first keyword, such as `sms:233733?body=HELP`.
        public var url: String

        /// Creates a text line.
        public init(shortCode: String, keywords: [String], url: String) {
            self.shortCode = shortCode
            self.keywords = keywords
            self.url = url
        }
    }

    /// A web address, with the form people write.
    public struct Website: Sendable, Codable, Hashable {
        /// The address, such as `https://www.dhs.gov/blue-campaign`.
        public var url: String
        /// As printed: no scheme, no trailing slash.
        public var display: String

        /// Creates a web address.
        public init(url: String, display: String) {
            self.url = url
            self.display = display
        }
    }

    /// Who runs the contact.
    public struct Operator: Sendable, Codable, Hashable {
        /// The operator's name.
        public var name: String
        /// Whether it is part of a government; an NGO-run line says so on the card.
        public var isNonGovernmental: Bool

        /// Creates an operator.
        public init(name: String, isNonGovernmental: Bool) {
            self.name = name
            self.isNonGovernmental = isNonGovernmental
        }
    }

    /// The contact's name.
    public var name: String
    /// Ways to reach it, in order, as printed.
    public var entries: [Entry]
    /// Notes such as who operates it, in order, as printed.
    public var notes: [[Inline]]

    /// The contact's id in the content, such as `hotline`.
    public var id: String?
    /// The main phone number.
    public var phone: Phone?
    /// Further numbers, each with its label.
    public var otherPhones: [Phone]
    /// The text-message route.
    public var textLine: TextLine?
    /// The TTY or relay number.
    public var tty: Phone?
    /// The web address.
    public var website: Website?
    /// When it answers, in the document's locale.
    public var hours: String?
    /// The languages it answers in, in the document's locale.
    public var languages: String?
    /// Who runs it.
    public var operatedBy: Operator?
    /// The content's note about it, in the document's locale.
    public var note: [Inline]?
    /// The address a printed QR code beside the card encodes: one of the card's
    /// own addresses (its website, else its phone's `tel:`), never a new one.
    public var qrTarget: String?

    /// Creates a card.
    public init(
        name: String, entries: [Entry], notes: [[Inline]] = [], id: String? = nil, phone: Phone? = nil,
        otherPhones: [Phone] = [], textLine: TextLine? = nil, tty: Phone? = nil, website: Website? = nil,
        hours: String? = nil, languages: String? = nil, operatedBy: Operator? = nil, note: [Inline]? = nil,
        qrTarget: String? = nil
    ) {
        self.name = name
        self.entries = entries
        self.notes = notes
        self.id = id
        self.phone = phone
        self.otherPhones = otherPhones
        self.textLine = textLine
        self.tty = tty
        self.website = website
        self.hours = hours
        self.languages = languages
        self.operatedBy = operatedBy
        self.note = note
        self.qrTarget = qrTarget
    }
}
