import Foundation
import Testing
@testable import OutreachKit

/// Every byte-level fast path in the renderers gives the same bytes as the
/// character-level path it stands for, on many seeded random strings that mix
/// ASCII, markup, control characters, combining marks, CJK, emoji and RTL text.
///
/// Results are compared as UTF-8 bytes: `String ==` would call a precomposed
/// `é` equal to `e` plus a combining accent.
@Suite struct FastPathPropertyTests {
    typealias SeededGenerator = RendererPropertyTests.SeededGenerator

    /// Pieces to build strings from; about half the strings use the ASCII ones
    /// only, so that the fast paths are taken.
    static let asciiPieces = [
        "a", "Zz", "word", "1.", "2)", "42", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{00}", "\u{1B}", "\u{7F}",
        "#", "-", "--", "+", "=", "~", "~~", ">", "<", "&", "&amp;", "&#32;", "&x", "\"", "'", "*", "_", "x_y", "`", "\\",
        "[", "]", "(", ")", "!", "|", ":", "/", "https://e.org/a", "mailto:a@b.c", "www.", ";",
    ]
    static let otherPieces = [
        "é", "e\u{0301}", "ñ", "ü", "\u{0301}", "\u{20DD}", "日本語", "。", "🧭", "👩\u{200D}👩\u{200D}👧", "🇺🇸", "😟\u{FE0F}",
        "العربية", "עברית", "\u{200F}", "\u{202E}", "\u{00A0}", "\u{2007}", "\u{202F}", "\u{2028}", "\u{0085}", "\u{3000}",
        "\u{FEFF}", "\u{200B}", "\u{0080}", "\u{009F}", "\u{201C}", "\u{2014}", "\u{2026}",
        "ß", "Æ", "ﬁ", "Ａ", "©",
    ] + [0xFDD0, 0xFFFE, 0x10FFFF].compactMap { Unicode.Scalar(UInt32($0)).map { String(Character($0)) } } // noncharacters

    static func strings(seed: UInt64, count: Int = 3_000) -> [String] {
        var random = SeededGenerator(state: seed)
        return (0..<count).map { index in
            let pieces = index % 2 == 0 ? asciiPieces : asciiPieces + otherPieces
            return (0..<random.below(12)).map { _ in pieces[random.below(pieces.count)] }.joined()
        }
    }

    static func same(_ fast: String, _ slow: String, _ input: String, _ what: String,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        guard Array(fast.utf8) != Array(slow.utf8) else { return true }
        Issue.record("\(what) of \(input.debugDescription): fast \(fast.debugDescription), slow \(slow.debugDescription)",
                     sourceLocation: sourceLocation)
        return false
    }

    @Test func htmlEscaping() {
        for text in Self.strings(seed: 1) {
            guard Self.same(HTMLEscaping.escape(text), HTMLEscaping.escapeScalars(text), text, "HTML escape") else { return }
        }
    }

    @Test func markdownEscaping() {
        for (index, text) in Self.strings(seed: 2).enumerated() {
            let atLineStart = index % 3 != 0, inHeading = index % 4 == 0
            let fast = MarkdownEscaping.text(text, atLineStart: atLineStart, inHeading: inHeading)
            let slow = MarkdownEscaping.escapeCharacters(text, atLineStart: atLineStart, inHeading: inHeading)
            guard Self.same(fast, slow, text, "Markdown escape (line start \(atLineStart), heading \(inHeading))") else { return }
        }
    }

    @Test func asciiFolding() {
        // The reference: every character on its own, as the documentation says.
        func reference(_ text: String, keeping: Bool) -> String {
            text.map { character -> String in
                if character.isASCII { return String(character) }
                if ASCIIFolding.nonBreakingSpaces.contains(character) { return keeping ? String(character) : " " }
                return ASCIIFolding.fold(String(character), keepingNonBreakingSpaces: keeping)
            }.joined()
        }
        for (index, text) in Self.strings(seed: 3).enumerated() {
            let keeping = index % 2 == 1
            guard Self.same(ASCIIFolding.fold(text, keepingNonBreakingSpaces: keeping), reference(text, keeping: keeping),
                            text, "ASCII folding") else { return }
        }
    }

    @Test func trailingNewlineAndTrailingSpaces() {
        for text in Self.strings(seed: 4) {
            guard Self.same(text.withSingleTrailingNewline, text.slowWithSingleTrailingNewline, text, "single trailing newline"),
                  Self.same(text.trimmingTrailingSpacesOnEachLine, text.slowTrimmingTrailingSpacesOnEachLine, text, "trailing spaces")
            else { return }
        }
    }

    @Test func wrapping() {
        var random = SeededGenerator(state: 5)
        for text in Self.strings(seed: 5) {
            let width = 1 + random.below(30)
            let prefixes = [("", ""), ("  - ", "    "), ("> ", "> "), ("é ", "日本 ")][random.below(4)]
            let fast = TextWrapper.wrap(text, width: width, firstPrefix: prefixes.0, restPrefix: prefixes.1)
            let slow = TextWrapper.wrapCharacters(text, width: width, firstPrefix: prefixes.0, restPrefix: prefixes.1)
            guard Self.same(fast.joined(separator: "\u{0}|"), slow.joined(separator: "\u{0}|"), text, "wrap at \(width)") else { return }
            #expect(text.columns == text.reduce(0) { $0 + EastAsianWidth.columns(of: $1) }, "columns of \(text.debugDescription)")
        }
    }

    @Test func textScanning() {
        for text in Self.strings(seed: 6) {
            let lines = text.linesSplitAtLineFeeds.joined(separator: "\u{0}|")
            guard Self.same(text.trimmedOfWhitespace, text.trimmingCharacters(in: .whitespacesAndNewlines), text, "trimmed"),
                  Self.same(text.newlinesAsSpaces, text.replacingOccurrences(of: "\n", with: " "), text, "newlines as spaces"),
                  Self.same(lines, text.components(separatedBy: "\n").joined(separator: "\u{0}|"), text, "lines")
            else { return }
            #expect(text.isBlank == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "isBlank of \(text.debugDescription)")
        }
    }

    /// The page splicer's split at its body token, against Foundation's, with the token
    /// placed among every kind of piece (a combining mark after it, a CR before it).
    @Test func splittingAtAControlCharacterToken() {
        let token = "\u{1}<&outreach-body-T\u{1}"
        var random = SeededGenerator(state: 7)
        for text in Self.strings(seed: 7) {
            var pieces = [text]
            for _ in 0..<random.below(3) { pieces.append(token + Self.strings(seed: UInt64(random.below(1000)), count: 1)[0]) }
            let joined = pieces.joined()
            guard Self.same(joined.split(atEvery: token).joined(separator: "\u{0}|"),
                            joined.components(separatedBy: token).joined(separator: "\u{0}|"), joined, "split at token") else { return }
        }
        #expect("a\u{1}b\u{1}".split(atEvery: "\u{1}") == ["a", "b", ""])
        #expect("".split(atEvery: "\u{1}x") == [""])
    }
}
