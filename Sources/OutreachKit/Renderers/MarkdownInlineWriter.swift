import Foundation

/// Writes inlines as CommonMark, escaping text so that cmark reads back the same inlines.
///
/// Special characters are escaped where they could mean something (`*`, `` ` ``,
/// `[`, `]`, `<` and `\` always; `_` unless inside a word; `&` before an entity;
/// `#`, `>`, `-`, `+`, `=`, `~` and `1.` only at the start of a line), so the
/// output stays readable. Spaces at either end of a line, which cmark would
/// drop, are written as `&#32;`.
struct MarkdownInlineWriter {
    private var output = ""
    private var atLineStart = true
    private var insideLink = false
    private let singleLine: Bool

    private init(singleLine: Bool) {
        self.singleLine = singleLine
    }

    /// A paragraph's inlines; soft breaks are newlines, hard breaks backslash-newlines.
    static func paragraph(_ inlines: [Inline]) -> String {
        var writer = MarkdownInlineWriter(singleLine: false)
        writer.write(trimmingBreaks(inlines), delimiter: nil)
        return protectLineEnds(writer.output)
    }

    /// A heading's inlines on one line, with breaks as spaces and every `#` escaped.
    static func heading(_ inlines: [Inline]) -> String {
        var writer = MarkdownInlineWriter(singleLine: true)
        writer.atLineStart = false
        writer.write(trimmingBreaks(inlines), delimiter: nil)
        return protectLineEnds(writer.output)
    }

    /// Breaks at the start or end of a paragraph mean nothing to cmark; a trailing `\` would show.
    private static func trimmingBreaks(_ inlines: [Inline]) -> [Inline] {
        var slice = inlines[...]
        while let first = slice.first, first == .lineBreak || first == .softBreak { slice = slice.dropFirst() }
        while let last = slice.last, last == .lineBreak || last == .softBreak { slice = slice.dropLast() }
        return Array(slice)
    }

    /// Writes a leading or trailing space or tab of each line as a character reference.
    private static func protectLineEnds(_ text: String) -> String {
        guard text.isSingleByteText else { return protectLineEndsByCharacter(text) }
        var text = text
        return text.withUTF8 { bytes in
            // Lines that neither start nor end with a space or tab, the usual case, stay as they are.
            let needsWork = bytes.indices.contains { index in
                guard bytes[index] == 0x20 || bytes[index] == 0x09 else { return false }
                return index == 0 || index == bytes.count - 1 || bytes[index - 1] == 0x0A || bytes[index + 1] == 0x0A
            }
            guard needsWork else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 16)
            var lineStart = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
                var line = bytes[lineStart..<index]
                var lastReference: String?
                if let last = line.last, last == 0x20 || last == 0x09 {
                    lastReference = last == 0x20 ? "&#32;" : "&#9;"
                    line = line.dropLast()
                }
                if let first = line.first, first == 0x20 || first == 0x09 {
                    output.append(contentsOf: (first == 0x20 ? "&#32;" : "&#9;").utf8)
                    line = line.dropFirst()
                }
                output.append(contentsOf: line)
                if let lastReference { output.append(contentsOf: lastReference.utf8) }
                if index < bytes.count { output.append(0x0A) }
                lineStart = index + 1
            }
            return String(decoding: output, as: UTF8.self)
        } ?? text
    }

    /// ``protectLineEnds(_:)`` for any text, character by character.
    private static func protectLineEndsByCharacter(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = String(line)
            if let last = line.last, last == " " || last == "\t" {
                line = String(line.dropLast()) + (last == " " ? "&#32;" : "&#9;")
            }
            if let first = line.first, first == " " || first == "\t" {
                line = (first == " " ? "&#32;" : "&#9;") + String(line.dropFirst())
            }
            return line
        }.joined(separator: "\n")
    }

    /// Writes inlines; `delimiter` is the emphasis character of the span they sit in, if any.
    ///
    /// Only a span that is the sole content of another needs the other
    /// character: cmark reads `***a*b**` as strong(em(a), b) but `***a***` as
    /// em(strong(a)), so strong(em(a)) is written `**_a_**`.
    private mutating func write(_ inlines: [Inline], delimiter: Character?) {
        for inline in inlines {
            write(inline, parentDelimiter: inlines.count == 1 ? delimiter : nil)
        }
    }

    private mutating func write(_ inline: Inline, parentDelimiter: Character?) {
        switch inline {
        case .text(let text):
            if !text.containsByte(0x0A) && !text.containsByte(0x0D) {
                // One line, the usual case: nothing to split.
                writeLine(text)
                return
            }
            let unified = text.containsByte(0x0D) ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
            let lines = unified.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() {
                if index > 0 { write(.softBreak, parentDelimiter: nil) }
                writeLine(String(line))
            }
        case .emphasis(let content):
            writeSpan(content, marks: 1, parentDelimiter: parentDelimiter)
        case .strong(let content):
            writeSpan(content, marks: 2, parentDelimiter: parentDelimiter)
        case .code(let code):
            let content = (code.containsByte(0x0D) ? code.replacingOccurrences(of: "\r\n", with: " ") : code).newlinesAsSpaces
            guard !content.isEmpty else { return }
            output += MarkdownEscaping.codeSpan(content)
            atLineStart = false
        case .link(let url, let content):
            guard !insideLink, let url = LinkAddress.safe(url) else {
                write(content, delimiter: nil)
                return
            }
            output += "["
            atLineStart = false
            insideLink = true
            write(content, delimiter: nil)
            insideLink = false
            output += "](" + MarkdownEscaping.destination(url) + ")"
        case .lineBreak:
            if singleLine { output += " " } else { output += "\\\n"; atLineStart = true }
        case .softBreak:
            if singleLine { output += " " } else { output += "\n"; atLineStart = true }
        }
    }

    /// Writes text that holds no line break, escaped.
    private mutating func writeLine(_ line: String) {
        output += MarkdownEscaping.text(line, atLineStart: atLineStart, inHeading: singleLine)
        if !line.isEmpty { atLineStart = false }
    }

    /// Emphasis (`marks` 1) or strong (2). Spaces and breaks at the edges move outside
    /// the delimiters, which cannot sit next to whitespace. A span that is all of
    /// another's content uses the other delimiter character.
    private mutating func writeSpan(_ content: [Inline], marks: Int, parentDelimiter: Character?) {
        var inner = content[...]
        var leading: [Inline] = []
        var trailing: [Inline] = []
        while let first = inner.first {
            if first == .softBreak || first == .lineBreak {
                leading.append(first)
            } else if case .text(let text) = first, let firstCharacter = text.first, firstCharacter.isWhitespace {
                let kept = text.drop(while: \.isWhitespace)
                leading.append(.text(String(text.prefix(text.count - kept.count))))
                inner = inner.dropFirst()
                if !kept.isEmpty { inner.insert(.text(String(kept)), at: inner.startIndex) }
                continue
            } else {
                break
            }
            inner = inner.dropFirst()
        }
        while let last = inner.last {
            if last == .softBreak || last == .lineBreak {
                trailing.insert(last, at: 0)
            } else if case .text(let text) = last, let lastCharacter = text.last, lastCharacter.isWhitespace {
                let kept = String(text.reversed().drop(while: \.isWhitespace).reversed())
                trailing.insert(.text(String(text.suffix(text.count - kept.count))), at: 0)
                inner = inner.dropLast()
                if !kept.isEmpty { inner.append(.text(kept)) }
                continue
            } else {
                break
            }
            inner = inner.dropLast()
        }
        for inline in leading { write(inline, parentDelimiter: nil) }
        if inner.contains(where: { !$0.plainText.isEmpty }) {
            let character: Character = parentDelimiter == "*" ? "_" : "*"
            let delimiter = String(repeating: character, count: marks)
            output += delimiter
            atLineStart = false
            write(Array(inner), delimiter: character)
            output += delimiter
        }
        for inline in trailing { write(inline, parentDelimiter: nil) }
    }
}
