import Foundation
import Testing

/// Compares an output with its golden file under `Golden/`, or re-records it.
///
/// With `OUTREACH_RECORD_GOLDEN=1` the golden file is written and the test
/// fails anyway, naming the file, so that a re-recording is always seen and
/// its diff reviewed before it is committed; a second run without the
/// variable then passes.
enum GoldenFile {
    static let recording = ProcessInfo.processInfo.environment["OUTREACH_RECORD_GOLDEN"] == "1"

    static func check(
        _ contents: Data, against file: URL, recording: Bool = GoldenFile.recording,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let name = file.path.hasPrefix(Repository.golden.path + "/")
            ? "Golden/" + file.path.dropFirst(Repository.golden.path.count + 1) : file.path
        if recording {
            let previous = FileManager.default.contents(atPath: file.path)
            guard previous != contents else { return }
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: file)
            Issue.record("re-recorded \(name)\(previous == nil ? " (new)" : ""); review its diff, then run again without OUTREACH_RECORD_GOLDEN",
                         sourceLocation: sourceLocation)
            return
        }
        let golden = try #require(FileManager.default.contents(atPath: file.path),
                                  "no golden file \(name); record it with OUTREACH_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
        guard golden != contents else { return }
        let expected = String(decoding: golden, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let actual = String(decoding: contents, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expected.count, actual.count)
        Issue.record("""
            output differs from \(name) at line \(line + 1) (re-record with OUTREACH_RECORD_GOLDEN=1 and review):
              golden: \(line < expected.count ? String(expected[line]) : "<end of file>")
              actual: \(line < actual.count ? String(actual[line]) : "<end of file>")
            """, sourceLocation: sourceLocation)
    }
}
