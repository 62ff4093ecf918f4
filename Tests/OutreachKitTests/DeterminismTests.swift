import Foundation
import Testing
@testable import OutreachKit

/// Two runs of the built binary on the example kit, in two processes that
/// differ in everything that should not matter, make the same bytes.
@Suite(.hangGuard) struct DeterminismTests {
    /// Every regular file under `folder`, hidden ones included, with its bytes.
    static func tree(_ folder: URL) -> [String: Data] {
        var tree: [String: Data] = [:]
        let base = folder.resolvingSymlinksInPath().path
        for path in FileManager.default.subpaths(atPath: base) ?? [] {
            var isFolder: ObjCBool = false
            let full = base + "/" + path
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            tree[path] = FileManager.default.contents(atPath: full)
        }
        return tree
    }

    @Test func twoProcessesWithDifferentTimeZoneLocaleFolderAndJobsWriteTheSameBytes() async throws {
        let scratch = try Fixture(copyingExample: false)
        let first = scratch.url("first/out"), second = scratch.url("second/out")
        let elsewhere = scratch.url("some other folder/deeper")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)

        // One names the manifest by an absolute path, the other by a relative one.
        // Neither run gives SOURCE_DATE_EPOCH: the clean environment has none, so no date is printed.
        let one = try await CommandLineTests.run(
            ["generate", Repository.exampleManifest.path, "--output", first.path, "--jobs", "1", "--quiet"],
            in: elsewhere, environment: ["TZ": "UTC", "LANG": "C", "LC_ALL": "C"])
        #expect(one.status == 0, "\(one.stderr)")
        let two = try await CommandLineTests.run(
            ["generate", "outreach.yml", "--output", second.path, "--jobs", "4", "--quiet"],
            in: Repository.example,
            environment: ["TZ": "Pacific/Kiritimati", "LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8"])
        #expect(two.status == 0, "\(two.stderr)")

        let a = Self.tree(first), b = Self.tree(second)
        #expect(a.count >= 16, "\(a.keys.sorted())")
        // The render cache is compared too, though one run names the manifest by an
        // absolute path and the other by a relative one: what a key digests (the
        // document, the format, its options and templates) does not depend on how
        // files are named on the command line.
        #expect(a.keys.contains(".outreach-cache"))
        #expect(a.keys.sorted() == b.keys.sorted())
        // Not `.outreach-state` and `.outreach-run`: they record each output's inode and times on this
        // filesystem, and the run record also the paths the run was given. (The example kit makes
        // PDFs, which are never cached, so it keeps no run record.)
        #expect(a.keys.contains(OutputState.fileName))
        for path in a.keys.sorted() where a[path] != b[path] && path != OutputState.fileName && path != RunRecord.fileName {
            Issue.record("\(path) differs between the two runs")
        }
    }
}
