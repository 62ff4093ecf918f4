/// Escapes text for HTML content and quoted attribute values.
enum HTMLEscaping {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references,
    /// and the control characters HTML does not allow dropped.
    static func escape(_ text: String) -> String {
        var plain = true
        for byte in text.utf8 {
            if byte >= 0x80 { return escapeScalars(text) }
            if plain && !isKeptAsIs(byte) { plain = false }
        }
        return plain ? text : escapeASCII(text)
    }

    /// An ASCII byte that goes into the output unchanged.
    private static func isKeptAsIs(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
            return false
        case 0x09, 0x0A, 0x20...0x7E:
            return true
        default:
            return false
        }
    }

    /// ``escape(_:)`` for ASCII text, byte by byte.
    private static func escapeASCII(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): result.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): result.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): result.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): result.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): result.append(contentsOf: "&#39;".utf8)
            case 0x09, 0x0A, 0x20...0x7E: result.append(byte)
            default: break // carriage returns and other controls
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// ``escape(_:)`` for any text, scalar by scalar.
    static func escapeScalars(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            case "\r": break
            default:
                let value = scalar.value
                let isControl = value < 0x20 || (0x7F...0x9F).contains(value)
                let isNoncharacter = (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
                if !isControl && !isNoncharacter { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
