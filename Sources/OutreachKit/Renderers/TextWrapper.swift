/// Fills words into lines no longer than a width, counted in terminal columns
/// (East Asian wide characters and emoji take two; see ``EastAsianWidth``).
/// A run of wide characters longer than a line breaks between characters, as
/// Chinese, Japanese and Korean text does; other long words stay whole.
enum TextWrapper {
    /// The lines of `text` filled to `width` columns, the first after `firstPrefix`, the rest after `restPrefix`.
    ///
    /// `\n` in `text` forces a new line; runs of spaces collapse to one. A word
    /// longer than the room on a line gets a line of its own and is not broken,
    /// so an address stays whole. Non-breaking spaces are part of words.
    static func wrap(_ text: String, width: Int, firstPrefix: String = "", restPrefix: String = "") -> [String] {
        if text.isSingleByteText {
            var text = text
            return text.withUTF8 { wrapBytes($0, width: width, firstPrefix: firstPrefix, restPrefix: restPrefix) }
        }
        return wrapCharacters(text, width: width, firstPrefix: firstPrefix, restPrefix: restPrefix)
    }

    /// ``wrap(_:width:firstPrefix:restPrefix:)`` for any text, character by character.
    static func wrapCharacters(_ text: String, width: Int, firstPrefix: String, restPrefix: String) -> [String] {
        var lines: [String] = []
        for hardLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = lines.isEmpty ? firstPrefix : restPrefix
            var length = line.columns
            var lineHasWords = false
            let restLength = restPrefix.columns
            for word in hardLine.split(separator: " ") {
                let wordLength = word.columns
                if wordLength > width - restLength, word.contains(where: { EastAsianWidth.columns(of: $0) > 1 }) {
                    var rest = word[...]
                    while let first = rest.first {
                        let room = width - length - (lineHasWords ? 1 : 0)
                        var end = rest.startIndex
                        var used = 0
                        while end < rest.endIndex, used + EastAsianWidth.columns(of: rest[end]) <= room {
                            used += EastAsianWidth.columns(of: rest[end])
                            end = rest.index(after: end)
                        }
                        if end == rest.startIndex {
                            if lineHasWords {
                                lines.append(line)
                                line = restPrefix
                                length = restLength
                                lineHasWords = false
                                continue
                            }
                            // Not one character fits even on an empty line: it goes there anyway.
                            used = EastAsianWidth.columns(of: first)
                            end = rest.index(after: rest.startIndex)
                        }
                        if lineHasWords {
                            line += " "
                            length += 1
                        }
                        line += rest[..<end]
                        length += used
                        lineHasWords = true
                        rest = rest[end...]
                        if !rest.isEmpty {
                            lines.append(line)
                            line = restPrefix
                            length = restLength
                            lineHasWords = false
                        }
                    }
                    continue
                }
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

    /// ``wrap(_:width:firstPrefix:restPrefix:)`` for text whose every byte is one
    /// character, so that words and lengths can be found byte by byte.
    private static func wrapBytes(_ text: UnsafeBufferPointer<UInt8>, width: Int, firstPrefix: String, restPrefix: String) -> [String] {
        let firstLength = firstPrefix.columns
        let restLength = restPrefix.columns
        var lines: [String] = []
        var line: [UInt8] = []
        line.reserveCapacity(width + 8)
        var hardLineStart = 0
        while hardLineStart <= text.count {
            var hardLineEnd = hardLineStart
            while hardLineEnd < text.count, text[hardLineEnd] != 0x0A { hardLineEnd += 1 }
            let prefix = lines.isEmpty ? firstPrefix : restPrefix
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: prefix.utf8)
            var length = lines.isEmpty ? firstLength : restLength
            var lineHasWords = false
            var index = hardLineStart
            while index < hardLineEnd {
                guard text[index] != 0x20 else {
                    index += 1
                    continue
                }
                var wordEnd = index
                while wordEnd < hardLineEnd, text[wordEnd] != 0x20 { wordEnd += 1 }
                let wordLength = wordEnd - index
                if lineHasWords && length + 1 + wordLength > width {
                    lines.append(String(decoding: line, as: UTF8.self))
                    line.removeAll(keepingCapacity: true)
                    line.append(contentsOf: restPrefix.utf8)
                    length = restLength
                    lineHasWords = false
                }
                if lineHasWords {
                    line.append(0x20)
                    length += 1
                }
                line.append(contentsOf: UnsafeBufferPointer(rebasing: text[index..<wordEnd]))
                length += wordLength
                lineHasWords = true
                index = wordEnd
            }
            let finished = String(decoding: line, as: UTF8.self)
            lines.append(lineHasWords ? finished : finished.droppingTrailingSpaces)
            hardLineStart = hardLineEnd + 1
        }
        return lines
    }

    /// Lines of preformatted text, each longer one wrapped at its spaces and
    /// continued under its own indentation plus two spaces; nothing is rejoined.
    static func wrapPreformatted(_ text: String, width: Int, prefix: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            let full = prefix + line
            guard full.columns > width else { return [full.droppingTrailingSpaces] }
            let indentation = String(line.prefix { $0 == " " })
            return wrap(String(line.dropFirst(indentation.count)), width: width,
                        firstPrefix: prefix + indentation, restPrefix: prefix + indentation + "  ")
        }
    }
}

extension StringProtocol {
    /// The width in terminal columns (two for East Asian wide characters and emoji);
    /// a byte count when each byte is one narrow character, which is cheaper to find.
    var columns: Int {
        isSingleByteText ? utf8.count : reduce(0) { $0 + EastAsianWidth.columns(of: $1) }
    }
}
