import Foundation
import Testing
@testable import OutreachKit

/// East Asian wide characters and emoji take two columns, and no wrapped line overflows.
@Suite struct WideCharacterWrapTests {
    typealias SeededGenerator = RendererPropertyTests.SeededGenerator

    @Test func columnsCountWideCharactersAndEmojiTwice() {
        #expect("abc".columns == 3)
        #expect("日本語".columns == 6)
        #expect("한국어".columns == 6)
        #expect("ｆｕｌｌ".columns == 8)
        #expect("é".columns == 1)
        #expect("😀".columns == 2)
        #expect("👩‍👩‍👧".columns == 2)
        #expect("❤️".columns == 2)
        #expect("🇺🇸".columns == 2)
        #expect("مرحبا".columns == 5)
        #expect(EastAsianWidth.unicodeVersion == "14.0.0")
        #expect(EastAsianWidth.isWide("中") && !EastAsianWidth.isWide("A") && !EastAsianWidth.isWide("\u{0378}"))
    }

    @Test func aLongRunOfChineseBreaksBetweenCharacters() {
        let text = String(repeating: "人口贩运是一种犯罪", count: 6)
        let lines = TextWrapper.wrap(text, width: 20, firstPrefix: "- ", restPrefix: "  ")
        #expect(lines.allSatisfy { $0.columns <= 20 }, "\(lines)")
        #expect(lines.first == "- 人口贩运是一种犯罪")
        #expect(lines.map { $0.dropFirst(2) }.joined() == text)
    }

    /// Words of CJK, Hangul, kana, fullwidth letters, emoji (with joiners and
    /// variation selectors) and ASCII, wrapped at many widths: no line is wider
    /// than the width, and no character is lost or reordered.
    @Test func noLineOverflowsItsWidth() {
        let pieces: [String] = ["人", "口", "贩", "運", "한", "국", "か", "ナ", "Ａ", "😀", "👩‍👩‍👧", "❤️", "🇲🇽", "a", "b", "é", "1", "、", "。"]
        var random = SeededGenerator(state: 11)
        for _ in 0..<2_000 {
            var words: [String] = []
            for _ in 0..<(1 + random.below(12)) {
                var word = ""
                for _ in 0..<(1 + random.below(30)) { word += pieces[random.below(pieces.count)] }
                words.append(word)
            }
            let text = words.joined(separator: " ")
            let width = 20 + random.below(61)
            let indents = ["", "  ", "- ", "    "]
            let indent = indents[random.below(indents.count)]
            let lines = TextWrapper.wrap(text, width: width, firstPrefix: indent, restPrefix: String(repeating: " ", count: indent.count))
            for line in lines {
                // A word of narrow characters longer than the line is the one thing that may stay whole.
                let longNarrow = line.split(separator: " ").contains { word in
                    !word.contains { EastAsianWidth.columns(of: $0) > 1 } && word.count > width - indent.count
                }
                #expect(line.columns <= width || longNarrow, "width \(width): \(line) (\(line.columns) columns)")
            }
            let kept = lines.map { $0.dropFirst(indent.count).filter { $0 != " " } }.joined()
            #expect(kept == text.filter { $0 != " " })
        }
    }
}
