import Foundation
import Testing
@testable import OutreachKit

/// Renders many generated documents and checks what must hold for all of them.
///
/// The generator is seeded, so every run checks the same documents.
@Suite struct RendererPropertyTests {
    /// A small linear congruential generator: the same numbers on every platform.
    struct SeededGenerator {
        var state: UInt64
        mutating func below(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Words that tempt escaping bugs: block markers, inline markup, entities, backslashes.
    static let markdownWords = [
        "a", "1.", "2)", "10.", "-1", "#", "#a", "-", "--", "---", "+", "*", "**", "*a*", "_", "_a_", "x_y", "`", "``",
        "[", "]", "(", ")", "[x]: y", "![x](y)", "<", ">", ">b", "<b>", "<http://x>", "&", "&amp;", "&#32;", "\\", "a\\",
        "!", "~~~", "===", "|", ":", "\"", "$", "é", "http://x.y", "a  b",
    ]

    @Test func markdownReadsBackAsTheSameStructure() async throws {
        var random = SeededGenerator(state: 7)
        func text() -> String {
            (0...random.below(4)).map { _ in Self.markdownWords[random.below(Self.markdownWords.count)] }
                .joined(separator: random.below(3) == 0 ? "" : " ")
        }
        // Spans have spaces around them: CommonMark cannot write `*"a"*b` as emphasis at all.
        func inlines(depth: Int) -> [Inline] {
            var result: [Inline] = [.text(text() + " ")]
            for _ in 0..<random.below(4) {
                switch random.below(7) {
                case 0 where depth < 2: result.append(.emphasis(inlines(depth: depth + 1)))
                case 1 where depth < 2: result.append(.strong(inlines(depth: depth + 1)))
                case 3 where depth < 2:
                    let urls = ["https://e.org/a b", "x(y)", "/p?q=1&amp;r", "#f", "mailto:a@b.c"]
                    result.append(.link(url: urls[random.below(urls.count)], content: [.text(text())]))
                case 4: result.append(.softBreak)
                case 5: result.append(.lineBreak)
                default: result.append(.code(random.below(2) == 0 ? text() : "`" + text()))
                }
                result.append(.text(" " + text() + " "))
            }
            if case .text(let last)? = result.last {
                let trimmed = String(last.reversed().drop { $0 == " " }.reversed())
                result[result.count - 1] = .text(trimmed.isEmpty ? "z" : trimmed)
            }
            return result
        }
        func blocks(depth: Int) -> [Block] {
            (0...random.below(3)).map { _ -> Block in
                switch random.below(depth < 2 ? 7 : 3) {
                case 0: return .heading(level: 1 + random.below(6), content: [.text(text())])
                case 1, 2: return .paragraph(inlines(depth: 0))
                case 3: return .list(ordered: random.below(2) == 0, items: (0...random.below(3)).map { _ in blocks(depth: depth + 1) })
                case 4: return .quote(blocks(depth: depth + 1))
                case 5: return .code(text() + "\n```\n" + text() + "\n")
                default: return .thematicBreak
                }
            }
        }
        for _ in 0..<300 {
            let generated = blocks(depth: 0)
            let rendered = try MarkdownRenderer().render(Document(metadata: SampleDocuments.metadata(sourceNote: nil), blocks: generated), options: RenderOptions())
            let markdown = String(decoding: rendered.files.first?.contents ?? Data(), as: UTF8.self)
            let parsed = MarkdownRoundTrip.blocks(in: markdown)
            let expected = MarkdownRoundTrip.normalized(generated)
            #expect(parsed == expected, "\(markdown)")
            if parsed != expected { return }
        }
    }

    @Test func plainTextStaysWithinTheWidthAndASCIIWhenAsked() async throws {
        var random = SeededGenerator(state: 11)
        let words = ["a", "bb", "ccc", "dddd", "supercalifragilistic", "https://example.org/a/long/address/that/never/fits",
                     "é", "\u{1F600}", "\u{201C}q\u{201D}", "\u{2014}", "\u{2026}", "*", "`"]
        func text() -> String { (0...random.below(12)).map { _ in words[random.below(words.count)] }.joined(separator: " ") }
        func inlines() -> [Inline] {
            let address = "https://e.org/" + text().replacingOccurrences(of: " ", with: "-")
            return [.text(text()), .link(url: address, content: [.strong([.text(text())])]), .text(" " + text())]
        }
        func blocks(depth: Int) -> [Block] {
            (0...random.below(3)).map { _ -> Block in
                switch random.below(depth < 3 ? 10 : 2) {
                case 0: return .heading(level: 1 + random.below(4), content: inlines())
                case 1: return .paragraph(inlines())
                case 2: return .list(ordered: random.below(2) == 0, items: (0...random.below(11)).map { _ in blocks(depth: depth + 1) })
                case 3: return .quote(blocks(depth: depth + 1))
                case 4: return .code(text() + "\n" + text())
                case 5: return .table(header: [[.text(text())], [.text(text())]], rows: [[inlines(), inlines()], [inlines()]])
                case 6: return .callout(Callout(kind: .tip, title: text(), blocks: blocks(depth: depth + 1)))
                case 7:
                    let entries: [ContactCard.Entry] = [.init(label: text(), value: text(), url: "tel:123"), .init(label: "L", value: text())]
                    return .contactCard(ContactCard(name: text(), entries: entries, notes: [inlines()]))
                case 8: return .factList([Fact(figure: text(), label: inlines()), Fact(figure: "12", label: inlines())])
                default: return .thematicBreak
                }
            }
        }
        for _ in 0..<100 {
            let width = 20 + random.below(80)
            let asciiOnly = random.below(2) == 0
            let metadata = SampleDocuments.metadata(title: text(), subtitle: text(), sourceNote: text())
            let options = RenderOptions(textWidth: width, asciiOnly: asciiOnly)
            let rendered = try PlainTextRenderer().render(Document(metadata: metadata, blocks: blocks(depth: 0)), options: options)
            let output = String(decoding: rendered.files.first?.contents ?? Data(), as: UTF8.self)
            for line in output.split(separator: "\n") where line.count > width {
                // Past the indentation, list markers and figures, one word alone may be longer.
                let content = line.drop { " |-+0123456789.".contains($0) }
                #expect(!content.contains(" "), "line of \(line.count) at width \(width): \(line)")
            }
            if asciiOnly { #expect(output.unicodeScalars.allSatisfy { $0.isASCII }) }
            #expect(output.hasSuffix("\n") && !output.hasSuffix("\n\n"))
        }
    }
}
