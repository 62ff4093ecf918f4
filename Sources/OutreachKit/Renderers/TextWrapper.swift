/// Fills words into lines no longer than a width, counted in characters.
enum TextWrapper {
    /// The lines of `text` filled to `width` columns, the first after `firstPrefix`, the rest after `restPrefix`.
    ///
    /// `\n` in `text` forces a new line; runs of spaces collapse to one. A word
    /// longer than the room on a line gets a line of its own and is not broken,
    /// so an address stays whole. Non-breaking spaces are part of words.
    static func wrap(_ text: String, width: Int, firstPrefix: String = "", restPrefix: String = "") -> [String] {
        var lines: [String] = []
        for hardLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = lines.isEmpty ? firstPrefix : restPrefix
            var length = line.columns
            var lineHasWords = false
            for word in hardLine.split(separator: " ") {
                let wordLength = word.columns
                if lineHasWords && length + 1 + wordLength > width {
                    lines.append(line)
                    line = restPrefix
                    length = line.columns
                    lineHasWords = false
                }
                if lineHasWords {
                    line += " "
                    length += 1
                }
                line += word
                length += wordLength
                lineHasWords = true
            }
            lines.append(lineHasWords ? line : line.droppingTrailingSpaces)
        }
        return lines
    }

    /// Lines of preformatted text, each longer one wrapped at its spaces and
    /// continued under its own indentation plus two spaces; nothing is rejoined.
    static func wrapPreformatted(_ text: String, width: Int, prefix: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            let full = prefix + line
            guard full.count > width else { return [full.droppingTrailingSpaces] }
            let indentation = String(line.prefix { $0 == " " })
            return wrap(String(line.dropFirst(indentation.count)), width: width,
                        firstPrefix: prefix + indentation, restPrefix: prefix + indentation + "  ")
        }
    }
}

extension StringProtocol {
    /// The width in characters; a byte count when the text is ASCII, which is cheaper to find.
    var columns: Int {
        utf8.allSatisfy { $0 < 0x80 } ? utf8.count : count
    }
}
