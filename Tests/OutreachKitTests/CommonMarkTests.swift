import Testing
@testable import OutreachKit

@Suite struct CommonMarkTests {
    @Test func parsesBlocksAndInlines() async {
        let blocks = CommonMark.parse("""
            # Title

            Some *soft* and **strong** text with `code` and [a link](https://www.dhs.gov).

            - one
            - two

            > quoted

            ---
            """)
        #expect(blocks == [
            .heading(level: 1, content: [.text("Title")]),
            .paragraph([
                .text("Some "), .emphasis([.text("soft")]), .text(" and "), .strong([.text("strong")]),
                .text(" text with "), .code("code"), .text(" and "), .link(url: "https://www.dhs.gov", content: [.text("a link")]),
                .text("."),
            ]),
            .list(ordered: false, items: [[.paragraph([.text("one")])], [.paragraph([.text("two")])]]),
            .quote([.paragraph([.text("quoted")])]),
            .thematicBreak,
        ])
    }

    @Test func rawHTMLIsDropped() async {
        let blocks = CommonMark.parse("<script>alert(1)</script>\n\nSafe <b>bold</b> text.\n")
        #expect(blocks == [.paragraph([.text("Safe bold text.")])])
    }

    @Test func imagesBecomeTheirDescription() async {
        #expect(CommonMark.parseInline("See ![the hotline logo](logo.png).") == [.text("See the hotline logo.")])
    }

    @Test func entitiesAndBracketsMergeIntoOneTextRun() async {
        #expect(CommonMark.parseInline("A &amp; B [not a link]") == [.text("A & B [not a link]")])
    }

    @Test func headingsAreNormalizedWithoutSkippingLevels() async {
        let document = Document(
            metadata: DocumentMetadata(title: "T", locale: "en", material: "m", layout: "l"),
            blocks: [.heading(level: 4, content: [.text("a")]), .heading(level: 2, content: [.text("b")]),
                     .heading(level: 5, content: [.text("c")]), .heading(level: 1, content: [.text("d")])])
        let levels = document.normalizedHeadings().blocks.compactMap { block -> Int? in
            if case .heading(let level, _) = block { return level }
            return nil
        }
        #expect(levels == [2, 2, 3, 2])
    }
}
