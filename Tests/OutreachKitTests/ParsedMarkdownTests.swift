import Foundation
import Testing
@testable import OutreachKit

/// Each piece of Markdown is parsed once per run and shared by the pages that place it.
@Suite struct ParsedMarkdownTests {
    @Test func everyPageOfARunSharesOneParse() throws {
        let campaign = try ContentLoader(folder: Repository.example.appendingPathComponent("content"), displayPath: "content").load()
        let manifest = try ManifestLoader().load(Repository.exampleManifest, displayPath: "outreach.yml")
        let planner = JobPlanner(manifest: manifest, campaign: campaign, registry: .builtIn, layouts: .builtIn,
                                 templates: .builtIn, date: nil, filters: GenerateFilters(), sink: DiagnosticSink())
        let pages = planner.pages().map(Page.init)
        #expect(pages.count > 2)
        let first = try #require(pages.first).input.parsed
        #expect(pages.allSatisfy { $0.input.parsed === first })
    }

    @Test func aSharedParseGivesTheSameTreeAsCmark() {
        let parsed = ParsedMarkdown()
        let source = "A *message* with [a link](https://example.org).\n\n- one\n- two\n"
        #expect(parsed.blocks(source) == CommonMark.parse(source))
        #expect(parsed.blocks(source) == CommonMark.parse(source))
        #expect(parsed.inlines("**strong**") == CommonMark.parseInline("**strong**"))
    }
}
