import Foundation
import Testing
@testable import OutreachKit

/// Every output of the Blue Campaign kit, byte for byte, against files under `Golden/`.
///
/// After a deliberate change, re-record with `OUTREACH_RECORD_GOLDEN=1 swift test --filter GoldenTests`
/// and review the diff by eye before committing it; a recording run fails, naming each file it rewrote.
@Suite(.hangGuard) struct GoldenTests {
    static let folder = Repository.golden.appendingPathComponent("blue-campaign")

    /// Every output but the PDFs: their bytes are Chromium's and its fonts', so PrintTests
    /// check what they hold instead of comparing them with a file.
    static func outputs() async throws -> [PlannedOutput] {
        let formats = ["markdown", "text", "html", "sms", "wallet-card"]
        return try await Generator(environment: ["SOURCE_DATE_EPOCH": "1767225600"])
            .plan(manifest: Repository.exampleManifest, displayPath: "outreach.yml", filters: GenerateFilters(formats: formats)).outputs
    }

    @Test func everyOutputMatchesItsGoldenFile() async throws {
        for output in try await Self.outputs() {
            try GoldenFile.check(output.contents, against: Self.folder.appendingPathComponent(output.path))
        }
    }

    @Test func recordingWritesTheFileAndThenFailsNamingIt() async throws {
        let folder = try Fixture(copyingExample: false)
        let file = folder.url("page.txt")
        try withKnownIssue {
            try GoldenFile.check(Data("new\n".utf8), against: file, recording: true)
        } matching: { issue in
            String(describing: issue).contains("re-recorded \(file.path) (new)")
        }
        #expect(try folder.read("page.txt") == "new\n")
        try withKnownIssue {
            try GoldenFile.check(Data("newer\n".utf8), against: file, recording: true)
        } matching: { issue in
            String(describing: issue).contains("re-recorded \(file.path);")
        }
        #expect(try folder.read("page.txt") == "newer\n")
        // The next run, not recording, passes; a difference fails it.
        try GoldenFile.check(Data("newer\n".utf8), against: file, recording: false)
        try withKnownIssue {
            try GoldenFile.check(Data("changed\n".utf8), against: file, recording: false)
        } matching: { issue in
            String(describing: issue).contains("differs from \(file.path) at line 1")
        }
    }

    @Test func everyBuiltInFormatHasGoldenFiles() async throws {
        let extensions = await Set(try Self.outputs().map { ($0.path as NSString).pathExtension })
        // The example's one asset, the partner's SVG logo, is copied as it is, golden file included.
        #expect(extensions == ["md", "txt", "html", "svg"])
        let recorded = Set(FileManager.default.subpaths(atPath: Self.folder.path) ?? []).filter { $0.contains(".") }
        await #expect(recorded == Set(try Self.outputs().map(\.path)), "golden files without an output, or outputs without one")
    }
}
