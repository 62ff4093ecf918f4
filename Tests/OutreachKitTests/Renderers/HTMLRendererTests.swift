import Foundation
import Testing
@testable import OutreachKit

@Suite struct HTMLRendererTests {
    private func render(_ document: Document, paper: Paper = .letter) throws -> String {
        let rendered = try HTMLRenderer().render(document, options: RenderOptions(paper: paper))
        return String(decoding: rendered.files.first?.contents ?? Data(), as: UTF8.self)
    }

    private func render(_ blocks: [Block]) throws -> String {
        try render(Document(metadata: SampleDocuments.metadata(), blocks: blocks))
    }

    /// What is between `<main>` and `</main>`.
    private func main(_ blocks: [Block]) throws -> String {
        let page = try render(blocks)
        guard let start = page.range(of: "<main>\n"), let end = page.range(of: "\n</main>") else { return page }
        return String(page[start.upperBound..<end.lowerBound])
    }

    @Test func describesItsFormat() async {
        let format = HTMLRenderer().format
        #expect(format.name == "html")
        #expect(format.fileExtension == "html")
        #expect(format.mediaType == "text/html")
    }

    @Test func isOneStandaloneHTML5Page() async throws {
        let page = try render(SampleDocuments.everything)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\" data-paper=\"letter\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(page.contains("<title>Government Roles</title>"))
        #expect(page.contains("<style>") && page.hasSuffix("</body>\n</html>\n"))
        #expect(page.contains("<header>\n<h1>Government Roles</h1>\n<p class=\"subtitle\">Blue Campaign</p>"))
        #expect(page.contains("<footer>\n<p class=\"source\">Adapted from the DHS page \u{201C}Government Roles\u{201D}.</p>\n<p class=\"date\"><time datetime=\"2024-05-01\">2024-05-01</time></p>\n</footer>"))
        for external in ["<script", "<link", "<img", "<iframe", "@import", "url(", "src="] {
            #expect(!page.contains(external), "found \(external)")
        }
    }

    @Test func elementsAreBalanced() async throws {
        let page = try render(SampleDocuments.everything)
        var open: [String] = []
        let void: Set = ["meta", "br", "hr", "!doctype"]
        var rest = page[...]
        while let start = rest.firstIndex(of: "<") {
            guard let end = rest[start...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: start)..<end]
            let name = String(tag.prefix { !$0.isWhitespace }).lowercased()
            rest = rest[rest.index(after: end)...]
            if name.hasPrefix("/") {
                #expect(open.popLast() == String(name.dropFirst()), "unbalanced \(name)")
            } else if !void.contains(name) {
                open.append(name)
            }
            if name == "style", let close = rest.range(of: "</style>") { rest = rest[close.upperBound...]; open.removeLast() }
        }
        #expect(open.isEmpty)
    }

    @Test func localeSetsTheLanguage() async throws {
        let page = try render(Document(metadata: SampleDocuments.metadata(locale: "es"), blocks: []))
        #expect(page.contains("<html lang=\"es\" "))
    }

    @Test func footerIsLeftOutWithoutSourceNoteOrDate() async throws {
        let page = try render(Document(metadata: SampleDocuments.metadata(date: nil, sourceNote: nil), blocks: []))
        #expect(!page.contains("<footer>"))
        #expect(page.contains("</main>\n</body>"))
    }

    @Test func textAndAttributesAreEscaped() async throws {
        let metadata = SampleDocuments.metadata(title: "<script>alert('t')</script>", subtitle: "Tom & \"Jerry\"")
        let page = try render(Document(metadata: metadata, blocks: [
            .paragraph([.text("<script>alert(\"x\")</script> & 'q'")]),
            .paragraph([.link(url: "https://example.org/?q=\"x\"&a='y'><script>", content: [.code("<b>")])]),
        ]))
        #expect(!page.contains("<script"))
        #expect(page.contains("<title>&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;</title>"))
        #expect(page.contains("<p class=\"subtitle\">Tom &amp; &quot;Jerry&quot;</p>"))
        #expect(page.contains("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</p>"))
        #expect(page.contains("<a href=\"https://example.org/?q=&quot;x&quot;&amp;a=&#39;y&#39;&gt;&lt;script&gt;\"><code>&lt;b&gt;</code></a>"))
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:alert(1)", " java\tscript:alert(1)", "data:text/html,<b>x</b>", "vbscript:msgbox(1)"])
    func unsafeLinksAreNotLinked(url: String) async throws {
        let html = try main([.paragraph([.link(url: url, content: [.text("open")])])])
        #expect(html == "<p>open</p>")
    }

    @Test(arguments: ["https://www.ice.gov/tips", "http://example.org", "mailto:help@example.org", "tel:+18883737888", "materials/cards.html", "#top"])
    func allowedLinksAreLinked(url: String) async throws {
        let html = try main([.paragraph([.link(url: url, content: [.text("open")])])])
        #expect(html == "<p><a href=\"\(url)\">open</a></p>")
    }

    @Test func headingsNestWithoutSkippingLevels() async throws {
        let html = try main([1, 4, 2, 6, 3, 5].map { Block.heading(level: $0, content: [.text("h")]) })
        #expect(html == ["h2", "h3", "h2", "h3", "h3", "h4"].map { "<\($0)>h</\($0)>" }.joined(separator: "\n"))
    }

    @Test func cardsFactsAndCalloutsHaveTheirElements() async throws {
        let html = try main([
            .heading(level: 2, content: [.text("Report")]),
            .contactCard(ContactCard(name: "ICE Tip Line", entries: [
                .init(label: "Call", value: "1-866-347-2423"),
                .init(label: "Outside the U.S.", value: "802-872-6199"),
                .init(label: "Online", value: "ice.gov/tips", url: "https://www.ice.gov/tips"),
            ])),
            .factList([Fact(figure: "327", label: [.text("ports of entry")])]),
            .callout(Callout(kind: .note, blocks: [.paragraph([.text("Text HELP to 233733.")])])),
        ])
        #expect(html == """
            <h2>Report</h2>
            <section class="card">
            <h3>ICE Tip Line</h3>
            <dl>
            <dt>Call</dt><dd><a href="tel:+18663472423" class="bare-url">1-866-347-2423</a></dd>
            <dt>Outside the U.S.</dt><dd><a href="tel:+18028726199" class="bare-url">802-872-6199</a></dd>
            <dt>Online</dt><dd><a href="https://www.ice.gov/tips" class="bare-url">ice.gov/tips</a></dd>
            </dl>
            </section>
            <dl class="facts">
            <div class="fact"><dt>327</dt><dd>ports of entry</dd></div>
            </dl>
            <aside class="callout note">
            <p class="callout-title"><strong>Note</strong></p>
            <p>Text HELP to 233733.</p>
            </aside>
            """)
    }

    @Test(arguments: [(Paper.letter, "@page {\n  size: letter;\n  margin: 0.5in 0.5in 0.6in;\n"), (Paper.a4, "@page {\n  size: A4;\n  margin: 13mm 13mm 15mm;\n")])
    func pageSizeFollowsThePaper(paper: Paper, rule: String) async throws {
        let page = try render(SampleDocuments.everything, paper: paper)
        #expect(page.contains(rule))
        #expect(page.contains(" data-paper=\"\(paper.rawValue)\""))
    }

    @Test func printStylesKeepBoxesWholeAndPrintLinkAddresses() async throws {
        let page = try render(SampleDocuments.everything)
        guard let print = page.range(of: "@media print {") else {
            Issue.record("no print styles")
            return
        }
        let printCSS = page[print.upperBound...]
        #expect(printCSS.contains("a[href^=\"http\"]::after { content: \" (\" attr(href) \")\""))
        #expect(printCSS.contains("-webkit-print-color-adjust: exact; print-color-adjust: exact;"))
        #expect(printCSS.contains(".card, .callout, .facts, .fact, table, pre, blockquote, ul, ol, figure { break-inside: avoid; page-break-inside: avoid; }"))
        #expect(printCSS.contains("h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }"))
    }

    @Test func statedColourContrastsAreTrueAndAtLeastAA() async throws {
        let page = try render(SampleDocuments.everything)
        // Pairs are stated in the style sheet's comment as "#fg on #bg 12.34:1".
        let pattern = /(#[0-9a-f]{6}) on (#[0-9a-f]{6}) ([0-9]+\.[0-9]{2}):1/
        let pairs = page.matches(of: pattern)
        #expect(pairs.count >= 20)
        for pair in pairs {
            let computed = contrast(String(pair.output.1), String(pair.output.2))
            #expect(computed >= 4.5, "\(pair.output.0)")
            #expect(abs(computed - (Double(pair.output.3) ?? 0)) < 0.01, "\(pair.output.0) is \(computed)")
        }
    }

    @Test func everyTextAndBackgroundColourIsInAStatedPair() async throws {
        let page = try render(SampleDocuments.everything)
        guard let commentEnd = page.range(of: "*/"), let styleEnd = page.range(of: "</style>") else {
            Issue.record("no style sheet comment")
            return
        }
        let comment = page[..<commentEnd.lowerBound]
        let rules = page[commentEnd.upperBound..<styleEnd.lowerBound]
        let foregrounds = Set(comment.matches(of: /(#[0-9a-f]{6}) on/).map { String($0.output.1) })
        let backgrounds = Set(comment.matches(of: /on (#[0-9a-f]{6})/).map { String($0.output.1) })
        let usedForegrounds = rules.matches(of: /[^-]color: (#[0-9a-f]{6})/).map { String($0.output.1) }
        let usedBackgrounds = rules.matches(of: /background: (#[0-9a-f]{6})/).map { String($0.output.1) }
        #expect(!usedForegrounds.isEmpty && !usedBackgrounds.isEmpty)
        for colour in usedForegrounds { #expect(foregrounds.contains(colour), "text colour \(colour)") }
        for colour in usedBackgrounds { #expect(backgrounds.contains(colour), "background \(colour)") }
    }

    @Test func outputIsDeterministicWithOneTrailingNewline() async throws {
        let first = try render(SampleDocuments.everything)
        #expect(try render(SampleDocuments.everything) == first)
        #expect(first.hasSuffix("</html>\n"))
    }

    /// WCAG 2 contrast ratio of two `#rrggbb` colours.
    private func contrast(_ first: String, _ second: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16) ?? 0
            let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { channel -> Double in
                let c = Double(channel) / 255
                return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
        }
        let (a, b) = (luminance(first), luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}
