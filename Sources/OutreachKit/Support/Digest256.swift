/// A SHA-256 value held in its 32 bytes: what the render cache keeps three of for every output.
///
/// As 64 hexadecimal digits in a `String` each value cost a heap allocation of about
/// 80 bytes; at 300,000 outputs the keys alone held 70 MB. The cache file still
/// writes them as hexadecimal, so the file is unchanged.
struct Digest256: Sendable, Hashable {
    /// The 32 bytes as four big-endian words, in order.
    private let words: (UInt64, UInt64, UInt64, UInt64)

    /// The value of 32 bytes; other counts are not a SHA-256 value.
    init<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var count = 0
        for byte in bytes {
            precondition(count < 32, "a SHA-256 value has 32 bytes")
            switch count / 8 {
            case 0: words.0 = words.0 << 8 | UInt64(byte)
            case 1: words.1 = words.1 << 8 | UInt64(byte)
            case 2: words.2 = words.2 << 8 | UInt64(byte)
            default: words.3 = words.3 << 8 | UInt64(byte)
            }
            count += 1
        }
        precondition(count == 32, "a SHA-256 value has 32 bytes")
        self.words = words
    }

    /// The value 64 lowercase or uppercase hexadecimal digits spell; nil for anything else.
    init?(hex: UnsafeBufferPointer<UInt8>) {
        guard hex.count == 64, let start = hex.baseAddress else { return nil }
        // Each word from 16 digits; a byte that is no digit sets the high bit of `invalid`.
        func word(_ offset: Int) -> UInt64? {
            var value: UInt64 = 0
            var invalid: UInt8 = 0
            for index in offset..<(offset + 16) {
                let digit = Self.digitValues[Int(start[index])]
                invalid |= digit
                value = value << 4 | UInt64(digit & 0x0f)
            }
            return invalid & 0x80 == 0 ? value : nil
        }
        guard let first = word(0), let second = word(16), let third = word(32), let fourth = word(48) else { return nil }
        words = (first, second, third, fourth)
    }

    /// Each byte's value as a hexadecimal digit, or 0x80 for a byte that is not one.
    private static let digitValues: [UInt8] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(byte) - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt8(byte) - UInt8(ascii: "A") + 10
        default: 0x80
        }
    }

    /// The value a string of 64 hexadecimal digits spells; nil for anything else.
    init?(hex: String) {
        var text = hex
        guard let value = text.withUTF8({ Digest256(hex: $0) }) else { return nil }
        self = value
    }

    /// The value as 64 lowercase hexadecimal digits.
    var hex: String {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        appendHex(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends the 64 lowercase hexadecimal digits to `bytes`, without making a string.
    func appendHex(to bytes: inout [UInt8]) {
        for index in 0..<4 {
            let word = index == 0 ? words.0 : index == 1 ? words.1 : index == 2 ? words.2 : words.3
            for shift in stride(from: 60, through: 0, by: -4) {
                bytes.append(Self.digits[Int((word >> UInt64(shift)) & 0x0f)])
            }
        }
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    static func == (lhs: Digest256, rhs: Digest256) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
