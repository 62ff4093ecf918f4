import Testing
import OutreachKit

/// The walker and built-in writers a third-party renderer builds on, through the public API only.
@Suite struct DocumentWalkerTests {
    struct Headings: DocumentWalker {
        var found: [String] = []
        var sections: [String] = []

        mutating func visitHeading(level: Int, content: [Inline]) { found.append("\(level) \(content.plainText)") }

        mutating func visitSection(_ section: Section) {
            if case .message(let message) = section.subject { sections.append(message.id) }
            walk(section.blocks)
        }
    }

    static let document = Document(
        metadata: DocumentMetadata(title: "T", locale: "en", material: "m", layout: "handout"),
        blocks: [
            .heading(level: 2, content: [.text("Top")]),
            .section(Section(subject: .message(PlacedMessage(id: "signs", locale: "en", title: "Signs")), blocks: [
                .heading(level: 2, content: [.text("Signs")]),
                .quote([.heading(level: 3, content: [.text("Quoted")])]),
                .list(ordered: false, items: [[.heading(level: 3, content: [.text("Listed")])]]),
            ])),
            .contactCard(ContactCard(name: "Hotline", entries: [.init(label: "Call", value: "711", url: "tel:711")])),
        ])

    @Test func defaultsWalkIntoSectionsQuotesAndLists() {
        var walker = Headings()
        walker.walk(Self.document)
        #expect(walker.found == ["2 Top", "2 Signs", "3 Quoted", "3 Listed"])
        #expect(walker.sections == ["signs"])
    }

    @Test func anHTMLWriterWithOneNodeOverriddenKeepsTheRest() {
        let writer = HTMLWriter { block in
            guard case .contactCard(let card) = block else { return nil }
            return "<p class=\"contact\">\(HTMLWriter.html(for: [.text(card.name)]))</p>"
        }
        let html = writer.html(for: Self.document.blocks)
        #expect(html.contains("<p class=\"contact\">Hotline</p>"))
        #expect(!html.contains("<section class=\"card\">"))
        #expect(html.hasPrefix("<h2>Top</h2>\n<h2>Signs</h2>"), "sections are written as their blocks: \(html)")
        #expect(HTMLWriter().html(for: Self.document.blocks).contains("<section class=\"card\">"))
    }

    @Test func markdownAndTextWritersMatchTheBuiltInFormats() async throws {
        let markdown = try MarkdownRenderer().render(Self.document, options: RenderOptions())
        let page = String(decoding: try #require(markdown.files.first).contents, as: UTF8.self)
        #expect(page.contains(MarkdownWriter.markdown(for: Self.document.blocks)))
        #expect(PlainTextWriter(width: 40).text(for: [.paragraph([.text("Call "), .strong([.text("now")])])]) == "Call now")
    }
}
