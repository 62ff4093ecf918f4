extension String {
    /// The text with any trailing blank lines and spaces removed and exactly one newline added.
    ///
    /// Every built-in format ends this way, whatever a (possibly overridden)
    /// page template leaves at its end.
    var withSingleTrailingNewline: String {
        let bytes = utf8
        var end = bytes.endIndex
        while end > bytes.startIndex {
            let last = bytes.index(before: end)
            let byte = bytes[last]
            if byte >= 0x80 { return slowWithSingleTrailingNewline }
            guard Self.isASCIIWhitespace(byte) else { break }
            // A space can be the end of a character that starts outside ASCII.
            if byte == 0x20, last > bytes.startIndex, bytes[bytes.index(before: last)] >= 0x80 {
                return slowWithSingleTrailingNewline
            }
            end = last
        }
        if end < bytes.endIndex, bytes.index(after: end) == bytes.endIndex, bytes[end] == 0x0A { return self }
        var result = String(self[..<end])
        result.append("\n")
        return result
    }

    var slowWithSingleTrailingNewline: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text) + "\n"
    }

    /// The text with spaces and tabs at the end of every line removed.
    var trimmingTrailingSpacesOnEachLine: String {
        var output: [UInt8] = []
        // Looked over first without copying: most texts have nothing to trim.
        for copying in [false, true] {
            let trimmed: Bool? = utf8.withContiguousStorageIfAvailable { bytes in
                // Lines end at a line feed not preceded by a carriage return, as a
                // split into characters would end them.
                var changed = false
                var lineStart = 0
                var index = 0
                if copying { output.reserveCapacity(bytes.count) }
                while index <= bytes.count {
                    let atEnd = index == bytes.count
                    guard atEnd || (bytes[index] == 0x0A && (index == 0 || bytes[index - 1] != 0x0D)) else {
                        index += 1
                        continue
                    }
                    var end = index
                    while end > lineStart, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 {
                        // A space after a byte outside ASCII may be part of a larger character.
                        if bytes[end - 1] == 0x20, end - 1 > lineStart, bytes[end - 2] >= 0x80 { return nil }
                        end -= 1
                    }
                    if end != index {
                        changed = true
                        if !copying { return true }
                    }
                    if copying {
                        output.append(contentsOf: bytes[lineStart..<end])
                        if !atEnd { output.append(0x0A) }
                    }
                    lineStart = index + 1
                    index += 1
                }
                return changed
            } ?? nil
            switch trimmed {
            case false?: return self
            case true?: if copying { return String(decoding: output, as: UTF8.self) }
            case nil: return slowTrimmingTrailingSpacesOnEachLine
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    var slowTrimmingTrailingSpacesOnEachLine: String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> Substring in
                var line = line
                while let last = line.last, last == " " || last == "\t" { line = line.dropLast() }
                return line
            }
            .joined(separator: "\n")
    }

    /// The string without spaces at its end.
    var droppingTrailingSpaces: String {
        guard utf8.last == 0x20 else { return self }
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}

extension Array where Element == String {
    /// The lines joined with newlines into a string allocated once at its final size: a
    /// page's body can be megabytes, and `joined(separator:)` grows its result step by step.
    var joinedAsLines: String {
        var result = ""
        result.reserveCapacity(reduce(Swift.max(0, count - 1)) { $0 + $1.utf8.count })
        for (index, line) in enumerated() {
            if index > 0 { result += "\n" }
            result += line
        }
        return result
    }
}
