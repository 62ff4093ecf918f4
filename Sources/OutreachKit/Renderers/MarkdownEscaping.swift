/// Escapes text, code spans and link destinations for CommonMark.
enum MarkdownEscaping {
    /// `text` with the characters that could start markup backslash-escaped.
    ///
    /// - Parameters:
    ///   - atLineStart: whether the text begins a line, where `#`, `>`, `-`, `+`,
    ///     `=`, `~` and `1.` / `1)` would start a block.
    ///   - inHeading: whether it is in an ATX heading, where a `#` could end it.
    static func text(_ text: String, atLineStart: Bool, inHeading: Bool) -> String {
        guard mayNeedEscaping(text, atLineStart: atLineStart, inHeading: inHeading) else { return text }
        return escapeCharacters(text, atLineStart: atLineStart, inHeading: inHeading)
    }

    /// ``text(_:atLineStart:inHeading:)`` without the byte scan that skips it, character by character.
    static func escapeCharacters(_ text: String, atLineStart: Bool, inHeading: Bool) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if index == 0 && atLineStart {
                if let escaped = lineStartEscape(characters) {
                    result += escaped.text
                    index += escaped.consumed
                    continue
                }
            }
            switch character {
            case "\\", "`", "*", "[", "]", "<":
                result += "\\" + String(character)
            case "_":
                let previous = index > 0 ? characters[index - 1] : nil
                let insideWord = (previous?.isLetter == true || previous?.isNumber == true)
                    && (next?.isLetter == true || next?.isNumber == true)
                result += insideWord ? "_" : "\\_"
            case "&":
                result += startsEntity(characters, at: index) ? "\\&" : "&"
            case "#" where inHeading:
                result += "\\#"
            default:
                result.append(character)
            }
            index += 1
        }
        return result
    }

    /// A quick byte scan: false when no character of `text` could need an escape,
    /// which is most prose, so the character-by-character pass can be skipped.
    private static func mayNeedEscaping(_ text: String, atLineStart: Bool, inHeading: Bool) -> Bool {
        var first = atLineStart
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "["), UInt8(ascii: "]"),
                 UInt8(ascii: "<"), UInt8(ascii: "_"), UInt8(ascii: "&"):
                return true
            case UInt8(ascii: "#") where inHeading:
                return true
            case UInt8(ascii: "#"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "-"), UInt8(ascii: "+"),
                 UInt8(ascii: "~"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if first { return true }
            default:
                break
            }
            first = false
        }
        return false
    }

    /// The escaped start of a line that would otherwise open a block, and how many characters it covers.
    private static func lineStartEscape(_ characters: [Character]) -> (text: String, consumed: Int)? {
        guard let first = characters.first else { return nil }
        let second = characters.count > 1 ? characters[1] : nil
        let endsMarker = second == nil || second == " " || second == "\t"
        switch first {
        case "#", ">", "=":
            return ("\\" + String(first), 1)
        case "-" where endsMarker || second == "-", "+" where endsMarker, "~" where second == "~":
            return ("\\" + String(first), 1)
        default:
            break
        }
        // An ordered list marker: up to nine digits, then `.` or `)`, then a space or the end.
        let digits = characters.prefix { ("0"..."9").contains($0) }
        guard !digits.isEmpty, digits.count <= 9, digits.count < characters.count else { return nil }
        let punctuation = characters[digits.count]
        let after = digits.count + 1 < characters.count ? characters[digits.count + 1] : nil
        guard punctuation == "." || punctuation == ")", after == nil || after == " " || after == "\t" else { return nil }
        return (String(digits) + "\\" + String(punctuation), digits.count + 1)
    }

    /// Whether an entity or numeric character reference (`&amp;`, `&#32;`) starts at `index`.
    private static func startsEntity(_ characters: [Character], at index: Int) -> Bool {
        var position = index + 1
        var length = 0
        while position < characters.count, length <= 32 {
            let character = characters[position]
            if character == ";" { return length > 0 }
            guard character.isASCII, character.isLetter || character.isNumber || character == "#" else { return false }
            position += 1
            length += 1
        }
        return false
    }

    /// A code span around `content`, its backtick fence longer than any run of backticks inside.
    static func codeSpan(_ content: String) -> String {
        let fence = String(repeating: "`", count: longestRun(of: "`", in: content) + 1)
        // cmark strips one space from each side when both are there, and a
        // backtick at either edge would merge with the fence: pad with a space.
        let pad = content.first == "`" || content.last == "`"
            || (content.first == " " && content.last == " " && content.contains { $0 != " " })
        return pad ? "\(fence) \(content) \(fence)" : "\(fence)\(content)\(fence)"
    }

    /// A fenced code block's fence: at least three backticks, more than any run in `code`.
    static func codeFence(for code: String) -> String {
        String(repeating: "`", count: max(3, longestRun(of: "`", in: code) + 1))
    }

    /// A link destination: bare when it can be, else in `<…>` with `<`, `>` and `\` escaped.
    static func destination(_ url: String) -> String {
        // Printable ASCII without `&`, `<`, `>`, `\`, spaces or parentheses goes as it is.
        if !url.isEmpty && url.utf8.allSatisfy({ byte in
            (0x21...0x7E).contains(byte) && !"&<>\\()".utf8.contains(byte)
        }) {
            return url
        }
        let characters = Array(url)
        var escaped = ""
        var needsBrackets = url.isEmpty
        for (index, character) in characters.enumerated() {
            switch character {
            case "&":
                // cmark decodes entities in a destination before backslash escapes: `&amp;` keeps a literal `&`.
                escaped += startsEntity(characters, at: index) ? "&amp;" : "&"
            case "<", ">", "\\":
                needsBrackets = true
                escaped += "\\" + String(character)
            case " ", "(", ")":
                needsBrackets = true
                escaped.append(character)
            case "\n", "\r\n", "\r":
                needsBrackets = true
                escaped += "%0A"
            default:
                if character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                    needsBrackets = true
                    let hex = String(character.unicodeScalars.first?.value ?? 0, radix: 16, uppercase: true)
                    escaped += "%" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    escaped.append(character)
                }
            }
        }
        return needsBrackets ? "<\(escaped)>" : escaped
    }

    /// The length of the longest run of `character` in `text`.
    static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0
        var current = 0
        for each in text {
            if each == character { current += 1; longest = max(longest, current) } else { current = 0 }
        }
        return longest
    }
}
