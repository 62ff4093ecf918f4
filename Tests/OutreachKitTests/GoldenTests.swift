import Foundation
import Testing
@testable import OutreachKit

/// Every output of the Blue Campaign kit, byte for byte, against files under `Golden/`.
///
/// After a deliberate change, re-record with `OUTREACH_RECORD_GOLDEN=1 swift test --filter GoldenTests`
/// and review the diff by eye before committing it.
@Suite(.timeLimit(.minutes(1))) struct GoldenTests {
    static let folder = Repository.golden.appendingPathComponent("blue-campaign")
    static let recording = ProcessInfo.processInfo.environment["OUTREACH_RECORD_GOLDEN"] == "1"

    static func outputs() throws -> [PlannedOutput] {
        try Generator(environment: ["SOURCE_DATE_EPOCH": "1767225600"])
            .plan(manifest: Repository.exampleManifest, displayPath: "outreach.yml").outputs
    }

    @Test func everyOutputMatchesItsGoldenFile() throws {
        for output in try Self.outputs() {
            let file = Self.folder.appendingPathComponent(output.path)
            if Self.recording {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try output.contents.write(to: file)
                continue
            }
            let golden = try #require(FileManager.default.contents(atPath: file.path), "no golden file for \(output.path)")
            if golden != output.contents {
                let expected = String(decoding: golden, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let actual = String(decoding: output.contents, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let line = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expected.count, actual.count)
                Issue.record("""
                    \(output.path) differs from its golden file at line \(line + 1):
                      golden: \(line < expected.count ? String(expected[line]) : "<end of file>")
                      actual: \(line < actual.count ? String(actual[line]) : "<end of file>")
                    """)
            }
        }
    }

    @Test func everyBuiltInFormatHasGoldenFiles() throws {
        let extensions = Set(try Self.outputs().map { ($0.path as NSString).pathExtension })
        #expect(extensions == ["md", "txt", "html"])
        let recorded = Set(FileManager.default.subpaths(atPath: Self.folder.path) ?? []).filter { $0.contains(".") }
        #expect(recorded == Set(try Self.outputs().map(\.path)), "golden files without an output, or outputs without one")
    }
}
