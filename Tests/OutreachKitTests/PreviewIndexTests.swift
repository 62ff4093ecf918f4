#if Preview
import Foundation
import Testing
@testable import OutreachCLI
@testable import OutreachKit

/// The preview's index: materials × formats × locales, and the assets apart.
@Suite struct PreviewIndexTests {
    static func output(_ path: String, _ format: String, _ material: String, _ locale: String?) -> PlannedOutput {
        var output = PlannedOutput(path: path, format: format, material: material, contents: Data())
        output.locale = locale
        return output
    }

    @Test func theIndexHasATablePerLocaleAndListsAssetsApart() throws {
        let outputs = [
            Self.output("es/handout.html", "html", "handout", "es"),
            Self.output("handout.html", "html", "handout", "en"),
            Self.output("handout.md", "markdown", "handout", "en"),
            Self.output("card.html", "html", "card", "en"),
            Self.output("assets/logo.svg", "asset", "", nil),
        ]
        let page = PreviewPage.index(title: "kit", outputs: outputs, problems: [], generation: 3)
        let english = try #require(page.range(of: "Locale <code>en</code>"))
        let spanish = try #require(page.range(of: "Locale <code>es</code>"))
        let assets = try #require(page.range(of: ">Assets</h2>"))
        #expect(english.upperBound < spanish.lowerBound && spanish.upperBound < assets.lowerBound)
        // English: two materials, two formats; Spanish: one material, one format, under its own heading.
        let englishTable = page[english.upperBound..<spanish.lowerBound]
        #expect(englishTable.contains("<th scope=\"col\">html</th><th scope=\"col\">markdown</th>"))
        #expect(englishTable.contains("<a href=\"/handout.md\">handout.md</a>") && englishTable.contains("card.html"))
        #expect(!englishTable.contains("es/handout.html"))
        let spanishTable = page[spanish.upperBound..<assets.lowerBound]
        #expect(spanishTable.contains("<a href=\"/es/handout.html\">es/handout.html</a>"))
        #expect(!spanishTable.contains("markdown"))
        #expect(page[assets.upperBound...].contains("<a href=\"/assets/logo.svg\">assets/logo.svg</a>"))
        #expect(page.contains("4 files in 2 locales, and 1 asset."))
    }

    @Test func namesAndPathsAreEscaped() {
        let outputs = [Self.output("a<b>/x y.html", "html", "<m>", "x<y")]
        let page = PreviewPage.index(title: "<t>", outputs: outputs, problems: [], generation: 1)
        #expect(!page.contains("<m>") && !page.contains("<t>") && !page.contains("x<y") && !page.contains("a<b>"))
        #expect(page.contains("href=\"/a%3Cb%3E/x%20y.html\""))
    }
}
#endif
