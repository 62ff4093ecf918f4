/// How a text message travels over SMS: its encoding, its length as the network
/// counts it, and how many segments (parts) it takes.
///
/// The rules are those of 3GPP TS 23.038 and TS 23.040:
/// - A message made only of GSM-7 characters is sent in GSM-7: 160 septets in
///   one segment, or 153 a segment when it is split (the other 7 septets hold
///   the header that joins the parts).
/// - A character of the GSM-7 extension table (`^ { } \ [ ~ ] | €` and form
///   feed) is sent as an escape plus the character, so it counts two, and the
///   two are never split across segments.
/// - One character outside both tables switches the whole message to UCS-2:
///   70 UTF-16 code units in one segment, or 67 a segment when split. A
///   character outside the Basic Multilingual Plane (most emoji) takes two code
///   units, which are never split across segments either.
struct SMSSegments: Sendable, Hashable {
    /// The character encoding a message is sent in.
    enum Encoding: String, Sendable, Hashable {
        case gsm7 = "GSM-7"
        case ucs2 = "UCS-2"

        /// Units that fit in a message of one segment.
        var singleSegmentCapacity: Int { self == .gsm7 ? 160 : 70 }
        /// Units that fit in each segment of a message split into several.
        var multipartCapacity: Int { self == .gsm7 ? 153 : 67 }
    }

    /// The encoding the message needs.
    let encoding: Encoding
    /// The length as the network counts it: GSM-7 septets (extension characters
    /// count two) or UTF-16 code units.
    let characters: Int
    /// The number of segments; an empty message still takes one.
    let segments: Int

    /// Whether the message is split into more than one segment.
    var isMultipart: Bool { segments > 1 }

    /// Measures `text` as it would be sent.
    init(_ text: String) {
        // The width of each character in units, in order: 1 or 2.
        var widths: [Int] = []
        var encoding = Encoding.gsm7
        for scalar in text.unicodeScalars {
            if GSM7.basic.contains(scalar) {
                widths.append(1)
            } else if GSM7.extension.contains(scalar) {
                widths.append(2)
            } else {
                encoding = .ucs2
                break
            }
        }
        if encoding == .ucs2 {
            widths = text.unicodeScalars.map { $0.value > 0xFFFF ? 2 : 1 }
        }
        self.encoding = encoding
        characters = widths.reduce(0, +)
        guard characters > encoding.singleSegmentCapacity else {
            segments = 1
            return
        }
        // Fill each segment in turn; a two-unit character that does not fit starts the next one.
        var count = 1
        var used = 0
        for width in widths {
            if used + width > encoding.multipartCapacity {
                count += 1
                used = 0
            }
            used += width
        }
        segments = count
    }
}

/// The GSM 03.38 default alphabet (3GPP TS 23.038, 6.2.1).
enum GSM7 {
    /// The basic table, by septet value from 0x00 to 0x7F. 0x1B is the escape to
    /// the extension table, not a character, so it is written here as U+001B and
    /// left out of ``basic``.
    static let basicTable: [Unicode.Scalar] = Array((
        "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞ\u{1B}ÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmno"
            + "pqrstuvwxyzäöñüà"
    ).unicodeScalars)

    /// The characters of the basic table: one septet each.
    static let basic: Set<Unicode.Scalar> = Set(basicTable.filter { $0 != "\u{1B}" })

    /// The characters of the extension table: an escape plus one septet each.
    /// Form feed (0x0A), `^` (0x14), `{` (0x28), `}` (0x29), `\` (0x2F),
    /// `[` (0x3C), `~` (0x3D), `]` (0x3E), `|` (0x40) and `€` (0x65).
    static let `extension`: Set<Unicode.Scalar> = ["\u{0C}", "^", "{", "}", "\\", "[", "~", "]", "|", "€"]
}
