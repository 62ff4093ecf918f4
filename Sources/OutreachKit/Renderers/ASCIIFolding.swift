import Foundation

/// Replaces characters outside ASCII with ASCII look-alikes for plain text that must be ASCII only.
enum ASCIIFolding {
    /// Spaces that must not break a line; kept until wrapping is done.
    static let nonBreakingSpaces: Set<Character> = ["\u{00A0}", "\u{202F}", "\u{2007}"]

    /// Typographic characters whose compatibility decomposition is not the usual ASCII form.
    private static let replacements: [Character: String] = [
        "\u{2018}": "'", "\u{2019}": "'", "\u{201A}": "'", "\u{201B}": "'", "\u{2032}": "'",
        "\u{2039}": "'", "\u{203A}": "'",
        "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"", "\u{201F}": "\"", "\u{2033}": "\"",
        "\u{00AB}": "\"", "\u{00BB}": "\"",
        "\u{2010}": "-", "\u{2011}": "-", "\u{2012}": "-", "\u{2013}": "-", "\u{2212}": "-",
        "\u{2014}": "--", "\u{2015}": "--",
        "\u{2026}": "...",
        "\u{2022}": "-", "\u{00B7}": "-", "\u{2027}": "-", "\u{2043}": "-", "\u{25CF}": "-",
        "\u{00D7}": "x", "\u{00F7}": "/",
        "\u{00A9}": "(c)", "\u{00AE}": "(R)", "\u{2122}": "(TM)", "\u{2120}": "(SM)",
        "\u{00B0}": " deg", "\u{00A7}": "S.", "\u{00B6}": "P.",
        "\u{20AC}": "EUR", "\u{00A3}": "GBP", "\u{00A5}": "JPY", "\u{00A2}": "c",
        "\u{00BF}": "", "\u{00A1}": "",
        "\u{00AD}": "", "\u{200B}": "", "\u{200C}": "", "\u{200D}": "", "\u{2060}": "", "\u{FEFF}": "",
        "\u{00DF}": "ss", "\u{1E9E}": "SS",
        "\u{00E6}": "ae", "\u{00C6}": "AE", "\u{0153}": "oe", "\u{0152}": "OE",
        "\u{00F8}": "o", "\u{00D8}": "O", "\u{0142}": "l", "\u{0141}": "L",
        "\u{0111}": "d", "\u{0110}": "D", "\u{00F0}": "d", "\u{00D0}": "D",
        "\u{00FE}": "th", "\u{00DE}": "Th", "\u{0131}": "i", "\u{2044}": "/",
        "\u{2190}": "<-", "\u{2192}": "->", "\u{2194}": "<->", "\u{21D2}": "=>",
        "\u{2264}": "<=", "\u{2265}": ">=", "\u{2260}": "!=", "\u{00B1}": "+/-",
    ]

    /// `text` with every character outside ASCII replaced by an ASCII equivalent, or `?` when there is none.
    ///
    /// Quotes, dashes, the ellipsis, bullets, `×`, `©`, `®` and `™` have fixed
    /// replacements; letters with accents lose them (é to e) through their
    /// compatibility decomposition, which also turns ligatures and full-width
    /// forms into ASCII. Width is counted in characters, so this runs before
    /// wrapping; with `keepingNonBreakingSpaces` the non-breaking spaces stay
    /// so that wrapping still keeps their words together, for a second pass.
    static func fold(_ text: String, keepingNonBreakingSpaces: Bool = false) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var result = ""
        for character in text {
            if character.isASCII {
                result.append(character)
            } else if nonBreakingSpaces.contains(character) {
                result += keepingNonBreakingSpaces ? String(character) : " "
            } else {
                result += fold(character)
            }
        }
        return result
    }

    private static func fold(_ character: Character) -> String {
        if let replacement = replacements[character] { return replacement }
        var result = ""
        for scalar in String(character).decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                if scalar.isASCII {
                    result.unicodeScalars.append(scalar)
                } else if let replacement = replacements[Character(scalar)] {
                    result += replacement
                } else {
                    return "?"
                }
            }
        }
        return result.isEmpty ? "?" : result
    }
}
