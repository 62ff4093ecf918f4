import Foundation
import Testing
@testable import OutreachKit

/// A built-in page made from its shape's frame is the page the template engine makes, byte for
/// byte, whatever the strings hold: markup characters, combining marks, line breaks, braces.
@Suite struct PageFramesTests {
    typealias SeededGenerator = RendererPropertyTests.SeededGenerator

    static let pieces = ["a", "Blue", "<b>", "&", "&amp;", "'", "\"", "&\u{301}", "<\u{301}", "é", "e\u{301}", "\n", "\n\n",
                         " ", "  ", "\t", "{{title}}", "{{{body}}}", "}}", "---", "# x", "\u{5D0}\u{5D1}", "1-888-373-7888", ""]

    static func text(_ generator: inout SeededGenerator) -> String {
        (0..<generator.below(6)).map { _ in pieces[generator.below(pieces.count)] }.joined()
    }

    /// A context with the keys the `html` and `markdown` templates read, each there or not.
    static func context(_ generator: inout SeededGenerator) -> [String: Any] {
        var context: [String: Any] = ["title": text(&generator), "paper": "letter", "textWidth": "72",
                                      "rightToLeft": generator.below(2) == 0]
        for key in ["subtitle", "locale", "audience", "date", "dateText", "sourceNote", "material", "layout"]
        where generator.below(2) == 0 {
            context[key] = text(&generator)
        }
        var strings: [String: String] = [:]
        for key in StringCatalogs.builtIn.catalog(for: "en").flattened.keys { strings[key] = text(&generator) }
        context["strings"] = strings
        var yaml: [String: String] = ["title": text(&generator)]
        for key in ["subtitle", "locale", "audience", "date", "partner"] where generator.below(2) == 0 { yaml[key] = text(&generator) }
        context["yaml"] = yaml
        if generator.below(2) == 0 { context["markdown"] = ["sourceNote": text(&generator), "partner": text(&generator)] }
        if generator.below(3) == 0 {
            var partner: [String: Any] = ["name": text(&generator), "line": text(&generator)]
            if generator.below(2) == 0 { partner["logo"] = ["src": text(&generator), "alt": text(&generator)] }
            context["partner"] = partner
        }
        return context
    }

    @Test(arguments: ["html", "markdown", "text"]) func aFramedPageIsTheEnginesPage(template: String) throws {
        var generator = SeededGenerator(state: 23)
        let templates = TemplateSet.builtIn
        for _ in 0..<150 {
            let context = Self.context(&generator)
            let body = Self.text(&generator) + "\n\n" + Self.text(&generator) + String(repeating: " \n", count: generator.below(3))
            var whole = context
            whole["body"] = body
            let expected = Data(try templates.render(template, whole).withSingleTrailingNewline.utf8)
            #expect(try templates.renderPage(template, context, body: body) == expected)
            #expect(try templates.renderFilled(template, whole) == templates.render(template, whole))
        }
    }

    @Test func aShapeIsRenderedOnceAndFilledInForEachPage() throws {
        let frames = PageFrames()
        var rendered = 0
        func page(_ context: [String: Any]) throws -> String? {
            try frames.page("p", context) { tokens in
                rendered += 1
                return try TemplateSet.builtIn.render("html", tokens)
            }
        }
        let first = try page(["title": "One", "strings": ["a": "x"], "rightToLeft": false])
        let second = try page(["title": "Two & <three>", "strings": ["a": "x"], "rightToLeft": false])
        #expect(rendered == 1)
        #expect(second == (try TemplateSet.builtIn.render("html", ["title": "Two & <three>", "strings": ["a": "x"], "rightToLeft": false])))
        #expect(first != second)
        // Another shape (a boolean's value, an empty string, another key) or catalog is rendered again.
        _ = try page(["title": "One", "strings": ["a": "y"], "rightToLeft": false])
        _ = try page(["title": "One", "strings": ["a": "x"], "rightToLeft": true])
        _ = try page(["title": "", "strings": ["a": "x"], "rightToLeft": false])
        _ = try page(["title": "One", "subtitle": "s", "strings": ["a": "x"], "rightToLeft": false])
        #expect(rendered == 5)
    }

    @Test func aValueOfAnotherKindGoesThroughTheEngine() throws {
        let frames = PageFrames()
        var rendered = 0
        let page = frames.page("x", ["count": 3]) { _ in rendered += 1; return "" }
        #expect(page == nil && rendered == 0)
        // A template that changes a token (as a transform would) is rendered through the engine too.
        #expect(frames.page("y", ["title": "a"]) { _ in "no token here but \u{1}<mangled\u{1}" } == nil)
    }

    @Test func escapingMatchesTheEngine() {
        #expect(PageFrames.htmlEscaped("<a href='x'>\"&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")
        // A combining mark makes "&" part of another character, which the engine leaves as it is.
        #expect(PageFrames.htmlEscaped("&\u{301}") == "&\u{301}")
        #expect(PageFrames.htmlEscaped("plain") == "plain")
    }
}
