import Foundation
import Testing
@testable import OutreachKit

@Suite struct MarkdownRendererTests {
    private func render(_ document: Document) throws -> String {
        let rendered = try MarkdownRenderer().render(document, options: RenderOptions())
        #expect(rendered.files.count == 1)
        return String(decoding: rendered.files.first?.contents ?? Data(), as: UTF8.self)
    }

    /// A page of `blocks` alone: no source note ends it.
    private func render(_ blocks: [Block]) throws -> String {
        try render(Document(metadata: SampleDocuments.metadata(sourceNote: nil), blocks: blocks))
    }

    /// The body after the front matter.
    private func body(_ blocks: [Block]) throws -> String {
        let page = try render(blocks)
        guard let end = page.range(of: "\n---\n\n") else { return page }
        return String(page[end.upperBound...])
    }

    @Test func describesItsFormat() async {
        let format = MarkdownRenderer().format
        #expect(format.name == "markdown")
        #expect(format.fileExtension == "md")
        #expect(format.mediaType == "text/markdown")
    }

    @Test func frontMatterHoldsThePresentValuesQuoted() async throws {
        let page = try render(SampleDocuments.everything)
        #expect(page.hasPrefix("""
            ---
            title: "Government Roles"
            subtitle: "Blue Campaign"
            locale: "en"
            audience: "Community partners"
            date: "2024-05-01"
            ---

            ## Everyone has a role

            """))
        let sparse = try render(Document(
            metadata: SampleDocuments.metadata(subtitle: nil, audience: nil, date: nil, sourceNote: nil), blocks: []))
        #expect(sparse == "---\ntitle: \"Government Roles\"\nlocale: \"en\"\n---\n")
    }

    @Test func theSourceNoteEndsThePageAfterARule() async throws {
        let page = try render(Document(metadata: SampleDocuments.metadata(sourceNote: "Figures: DHS (2014) *as of 2014*."),
                                       blocks: [.paragraph([.text("Body.")])]))
        #expect(page.hasSuffix("\nBody.\n\n---\n\nFigures: DHS (2014) \\*as of 2014\\*.\n"))
        #expect(MarkdownRoundTrip.blocks(in: page) == [
            .paragraph([.text("Body.")]), .thematicBreak, .paragraph([.text("Figures: DHS (2014) *as of 2014*.")]),
        ])
    }

    @Test func frontMatterValuesAreSafelyQuoted() async throws {
        let metadata = SampleDocuments.metadata(title: "Say \"no\": #1 \\ back\nslash", subtitle: "yes", audience: "\u{7}bell")
        let page = try render(Document(metadata: metadata, blocks: []))
        #expect(page.contains(#"title: "Say \"no\": #1 \\ back\nslash""#))
        #expect(page.contains(#"subtitle: "yes""#))
        #expect(page.contains(#"audience: "\x07bell""#))
    }

    @Test func outputReadsBackAsTheSameStructure() async throws {
        let tricky = [
            "1. not a list", "# not a heading", "- not an item", "+ nor this", "> not a quote", "***", "---", "===",
            "a_b_c and _under_ and *star*", "`tick` [brackets](x) <html> &amp; back\\slash", "    four spaces",
            "2) paren", "~~~ tilde", "!image", "trailing  ",
        ]
        let blocks: [Block] = [
            .heading(level: 2, content: [.text("Heading # with ## hashes #")]),
            .paragraph(tricky.flatMap { [Inline.text($0), .softBreak] } + [.text("end")]),
            .paragraph([
                .emphasis([.text("em")]), .text(" "), .strong([.text("strong "), .emphasis([.text("nested")])]),
                .text(" "), .code("a`b"), .text(" "), .code("`edge"), .text(" "),
                .link(url: "https://example.org/a b(c)", content: [.text("spaced [link]")]),
                .lineBreak, .text("after break"),
            ]),
            .paragraph([
                .strong([.emphasis([.text("all")])]), .text(" "), .emphasis([.strong([.text("all")])]), .text(" "),
                .strong([.emphasis([.text("edge")]), .text("word")]), .text(" "),
                .emphasis([.text("x "), .strong([.text("y")])]), .text(" "),
                .link(url: "mailto:help@example.org", content: [.emphasis([.text("mail")]), .text(" us")]),
            ]),
            .list(ordered: false, items: [
                [.paragraph([.text("one")])],
                [.paragraph([.text("two")]), .list(ordered: true, items: [[.paragraph([.text("two.one")])]])],
            ]),
            .list(ordered: false, items: [[.paragraph([.text("a separate list")])]]),
            .list(ordered: true, items: [
                [.paragraph([.text("first")]), .paragraph([.text("second paragraph")])],
                [.quote([.paragraph([.text("quoted")])]), .code("code in item\n")],
            ]),
            .quote([.heading(level: 3, content: [.text("In a quote")]), .code("x\n\ny\n")]),
            .code("```\nfenced inside\n````\n"),
            .thematicBreak,
            .paragraph([.text("last")]),
        ]
        let markdown = try render(blocks)
        #expect(MarkdownRoundTrip.blocks(in: markdown) == MarkdownRoundTrip.normalized(blocks))
    }

    @Test func codeBlockFenceIsLongerThanAnyBacktickRunInside() async throws {
        let markdown = try body([.code("a ``` b\n`````\n")])
        #expect(markdown.hasPrefix("``````\n"))
        #expect(markdown == "``````\na ``` b\n`````\n``````\n")
    }

    @Test func codeSpansUseEnoughBackticks() async throws {
        #expect(try body([.paragraph([.code("a`b")])]) == "``a`b``\n")
        #expect(try body([.paragraph([.code("`x`")])]) == "`` `x` ``\n")
    }

    @Test func linksWithSpacesOrParenthesesUseAngleBrackets() async throws {
        #expect(try body([.paragraph([.link(url: "https://ice.gov/tips", content: [.text("tips")])])])
            == "[tips](https://ice.gov/tips)\n")
        #expect(try body([.paragraph([.link(url: "files/a b (1).pdf", content: [.text("file")])])])
            == "[file](<files/a b (1).pdf>)\n")
    }

    @Test func unsafeLinksBecomeText() async throws {
        let markdown = try body([.paragraph([.link(url: "javascript:alert(1)", content: [.text("click")])])])
        #expect(markdown == "click\n")
    }

    @Test func breaksAreBackslashAndPlainNewlines() async throws {
        let markdown = try body([.paragraph([.text("a"), .lineBreak, .text("b"), .softBreak, .text("c")])])
        #expect(markdown == "a\\\nb\nc\n")
    }

    @Test func tablesBecomeBulletedListsOfLabelledCells() async throws {
        let markdown = try body([.table(
            header: [[.text("Agency")], [.text("Where")]],
            rows: [[[.text("TSA")], [.text("airports")]], [[.text("FEMA")], [.text("disaster areas")]]])])
        #expect(markdown == """
            - **Agency:** TSA\\
              **Where:** airports
            - **Agency:** FEMA\\
              **Where:** disaster areas

            """)
    }

    @Test func calloutsBecomeQuotesWithAStrongTitle() async throws {
        let titled = try body([.callout(Callout(kind: .tip, title: "Remember", blocks: [.paragraph([.text("Recognize and report.")])]))])
        #expect(titled == "> **Remember**\n>\n> Recognize and report.\n")
        let untitled = try body([.callout(Callout(kind: .important, blocks: []))])
        #expect(untitled == "> **Important**\n")
    }

    @Test func contactCardsAndFactListsAreParagraphsAndLists() async throws {
        let markdown = try body([.contactCard(SampleDocuments.hotline), .factList([Fact(figure: "327", label: [.text("ports of entry")])])])
        #expect(markdown == """
            **National Human Trafficking Hotline**

            - Call: [1-888-373-7888](tel:+18883737888)
            - Text: 233733
            - Online: [humantraffickinghotline.org](https://humantraffickinghotline.org)

            Operated by Polaris, a non-governmental organization, not by a government agency.

            - **327** ports of entry

            """)
    }

    @Test func adjacentListsKeepApartWithAnotherMarker() async throws {
        let fact = Block.factList([Fact(figure: "1", label: [.text("one")])])
        let markdown = try body([fact, fact, .list(ordered: true, items: [[]]), .list(ordered: true, items: [[]])])
        #expect(markdown == "- **1** one\n\n* **1** one\n\n1.\n\n1)\n")
        let lists = MarkdownRoundTrip.blocks(in: markdown).filter { if case .list = $0 { return true } else { return false } }
        #expect(lists.count == 4)
    }

    @Test func textContentTypePragmaTurnsOffHTMLEscaping() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outreach-pragma-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{% CONTENT_TYPE: TEXT}}\n{{value}}\n".write(to: folder.appendingPathComponent("probe.mustache"), atomically: true, encoding: .utf8)
        let templates = try TemplateSet.overriding(with: folder, displayPath: "probe")
        #expect(try templates.render("probe", ["value": "Tom & \"Jerry\" <3"]) == "Tom & \"Jerry\" <3\n")
        #expect(["html", "markdown", "text"].allSatisfy(TemplateSet.builtIn.names.contains))
    }

    @Test func outputIsDeterministicWithOneTrailingNewline() async throws {
        let first = try render(SampleDocuments.everything)
        #expect(try render(SampleDocuments.everything) == first)
        #expect(first.hasSuffix("\n") && !first.hasSuffix("\n\n"))
    }
}
