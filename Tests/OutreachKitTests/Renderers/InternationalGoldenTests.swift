import Foundation
import Testing
@testable import OutreachKit

/// ``SampleDocuments/international`` in every built-in renderer, byte for byte,
/// against files under `Golden/renderers/`; re-record with `OUTREACH_RECORD_GOLDEN=1`.
@Suite struct InternationalGoldenTests {
    static let folder = Repository.golden.appendingPathComponent("renderers")

    @Test(arguments: ["international.md", "international.txt", "international.ascii.txt", "international.html"])
    func rendersAsRecorded(file: String) async throws {
        let asciiOnly = file.hasSuffix(".ascii.txt")
        let renderer: any Renderer = switch (file as NSString).pathExtension {
        case "md": MarkdownRenderer()
        case "html": HTMLRenderer()
        default: PlainTextRenderer()
        }
        let rendered = try await renderer.render(SampleDocuments.international, options: RenderOptions(asciiOnly: asciiOnly))
        let contents = try #require(rendered.files.first?.contents)
        try GoldenFile.check(contents, against: Self.folder.appendingPathComponent(file))
        if asciiOnly {
            #expect(contents.allSatisfy { $0 < 0x80 }, "ASCII-only output holds a byte outside ASCII")
        }
    }
}
