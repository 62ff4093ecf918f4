import Foundation

/// Byte-level shortcuts for the renderers' string handling.
///
/// Most rendered text is ASCII, where one byte is one character; these helpers
/// work on UTF-8 bytes when that makes the answer certain and otherwise fall
/// back to the character-level (or Foundation) operation they stand for, so
/// their results are always the same as the slower originals.
extension StringProtocol {
    /// Whether every character is one ASCII byte: no byte is outside ASCII and
    /// none is a carriage return (which joins a following line feed).
    var isSingleByteText: Bool {
        utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
            ?? utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    }

    /// Whether the text holds `byte` (an ASCII code unit).
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(byte) } ?? utf8.contains(byte)
    }
}

extension String {
    /// Whether the text is empty once trimmed of `.whitespacesAndNewlines`.
    var isBlank: Bool {
        for byte in utf8 {
            if Self.isASCIIWhitespace(byte) { continue }
            if byte < 0x80 { return false }
            return trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        return true
    }

    /// The text trimmed of `.whitespacesAndNewlines`, as `trimmingCharacters(in:)` would give it.
    var trimmedOfWhitespace: String {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, Self.isASCIIWhitespace(bytes[start]) { start = bytes.index(after: start) }
        while start < end {
            let before = bytes.index(before: end)
            guard Self.isASCIIWhitespace(bytes[before]) else { break }
            end = before
        }
        // A character outside ASCII at either end may be white space too: ask Foundation.
        if start < end, bytes[start] >= 0x80 || bytes[bytes.index(before: end)] >= 0x80 {
            return trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if start == bytes.startIndex && end == bytes.endIndex { return self }
        return String(self[start..<end])
    }

    /// The text with every line feed replaced by a space; the text itself when it has none.
    var newlinesAsSpaces: String {
        containsByte(0x0A) ? replacingOccurrences(of: "\n", with: " ") : self
    }

    /// The text split at line feeds, as `components(separatedBy: "\n")` splits it.
    var linesSplitAtLineFeeds: [String] {
        guard !containsByte(0x0D) else { return components(separatedBy: "\n") }
        var lines: [String] = []
        var start = startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            if utf8[index] == 0x0A {
                lines.append(String(self[start..<index]))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        lines.append(String(self[start...]))
        return lines
    }

    /// The text split at every occurrence of `separator`, as `components(separatedBy:)` splits
    /// it when the separator starts with an ASCII control character (so no character of the
    /// text can merge with it): found byte by byte, without Foundation's character search.
    func split(atEvery separator: String) -> [String] {
        guard let first = separator.utf8.first, first < 0x20, first != 0x0D, first != 0x0A else {
            return components(separatedBy: separator)
        }
        let needle = Array(separator.utf8)
        var text = self
        return text.withUTF8 { bytes in
            var pieces: [String] = []
            var start = 0
            var index = 0
            let last = bytes.count - needle.count
            while index <= last {
                if bytes[index] == first, needle.withUnsafeBufferPointer({ n in
                    memcmp(bytes.baseAddress! + index, n.baseAddress!, n.count) == 0
                }) {
                    pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                    index += needle.count
                    start = index
                } else {
                    index += 1
                }
            }
            pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return pieces
        }
    }

    /// Space, tab, line feed, vertical tab, form feed and carriage return: the
    /// ASCII members of `.whitespacesAndNewlines` and of `Character.isWhitespace`.
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
