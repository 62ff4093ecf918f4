import Foundation
import Testing
@testable import OutreachKit

/// The example kit's Markdown, parsed back with cmark, keeps the documents' structure.
@Suite struct ExampleRoundTripTests {
    /// Headings, paragraphs, lists, quotes and code: the blocks CommonMark has a form for.
    static func isNative(_ block: Block) -> Bool {
        switch block {
        case .heading, .paragraph, .list, .quote, .code, .thematicBreak: return true
        case .table, .callout, .contactCard, .factList, .section: return false
        }
    }

    @Test func everyExampleDocumentRoundTrips() async throws {
        let documents = try LayoutTests.documents()
        #expect(documents.count == 80, "13 before, then the large-print handout and the two PDFs; all but the large print also in Spanish; then the five sector handouts in four formats, in both; then three partner kits in three formats")
        for (path, document) in documents.sorted(by: { $0.key < $1.key }) {
            let markdown = try MarkdownRenderer().render(document, options: RenderOptions())
            let page = String(decoding: try #require(markdown.files.first).contents, as: UTF8.self)
            let parsed = MarkdownRoundTrip.blocks(in: page)
            let expected = MarkdownRoundTrip.normalized(document.blocks.expandingSections())

            // Every block CommonMark can express comes back identical, in order; cards,
            // facts and callouts come back as the paragraphs and lists they are written as.
            var remaining = parsed[...]
            for block in expected where Self.isNative(block) {
                guard let found = remaining.firstIndex(of: block) else {
                    Issue.record("\(path): block did not survive the round trip: \(block)")
                    break
                }
                remaining = remaining[remaining.index(after: found)...]
            }
            let headings = { (blocks: [Block]) in blocks.filter { if case .heading = $0 { true } else { false } } }
            #expect(headings(parsed) == headings(expected), "\(path)")
        }
    }
}
