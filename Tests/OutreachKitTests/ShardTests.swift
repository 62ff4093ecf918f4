import Foundation
import Testing
@testable import OutreachKit

/// `--shard K/N`: the parts of a run are disjoint, add up to the whole run byte
/// for byte, and do not move when unrelated materials come or go.
@Suite(.hangGuard) struct ShardTests {
    static func contents(_ plan: GenerationPlan) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: plan.outputs.map { ($0.path, $0.contents) })
    }

    @Test(arguments: [2, 3, 5])
    func theShardsAreDisjointAndTogetherAreTheFullRun(count: Int) async throws {
        let kit = try Fixture()
        let full = Self.contents(try await kit.plan())
        var union: [String: Data] = [:]
        for index in 1...count {
            let part = try await kit.plan(filters: GenerateFilters(shard: Shard(index: index, count: count)))
            for output in part.outputs {
                #expect(union[output.path] == nil, "\(output.path) is in two shards")
                union[output.path] = output.contents
            }
        }
        #expect(union == full)
    }

    @Test func shardsWrittenIntoOneFolderGiveTheFullRunsFolder() async throws {
        let kit = try Fixture()
        let whole = try Fixture()
        _ = try await OutputWriter().write(whole.plan())
        for index in 1...3 {
            let (_, results) = try await Generator(environment: [:]).generate(
                manifest: kit.manifest, displayPath: "outreach.yml", filters: GenerateFilters(shard: Shard(index: index, count: 3)))
            #expect(results.allSatisfy { $0.1 == .written })
        }
        #expect(kit.outputTree() == whole.outputTree())
        #expect(!kit.outputTree().isEmpty)
    }

    @Test func anOutputStaysInItsShardWhenOtherMaterialsComeAndGo() async throws {
        let kit = try Fixture()
        let shard = try #require(Shard(index: 2, count: 4))
        let before = try await kit.plan(filters: GenerateFilters(shard: shard)).outputs.map(\.path)
        try kit.edit("outreach.yml", replacing: "materials:\n", with: """
            materials:
              - id: extra-sheet
                layout: fact-sheet
                formats: [markdown, text, html]

            """)
        try kit.edit("outreach.yml", replacing: "  - id: wallet-cards", with: "  - id: wallet-cards-renamed")
        let after = try await kit.plan(filters: GenerateFilters(shard: shard)).outputs.map(\.path)
        let unrelated = { (path: String) in path.hasPrefix("extra-sheet") || path.hasPrefix("wallet-cards") }
        #expect(before.filter { !unrelated($0) } == after.filter { !unrelated($0) })
        #expect(!before.isEmpty)
    }

    @Test func aShardListsOnlyTheExtraFilesThatHashToIt() async throws {
        let kit = try Fixture()
        _ = try await OutputWriter().write(kit.plan())
        for name in ["old-1.txt", "old-2.txt", "old-3.txt", "old-4.txt"] { try kit.write("out/" + name, "gone\n") }
        var extras: [String] = []
        for index in 1...3 {
            let plan = try await kit.plan(filters: GenerateFilters(shard: Shard(index: index, count: 3)))
            extras += try OutputChecker().check(plan, extras: true).filter { $0.status == .extra }.map(\.path)
        }
        #expect(extras.sorted() == ["old-1.txt", "old-2.txt", "old-3.txt", "old-4.txt"])
    }

    static let jq = ["/usr/bin/jq", "/usr/local/bin/jq"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: jq != nil, "merges reports with jq"))
    func theShardsReportsMergeIntoTheFullRunsReport() async throws {
        let kit = try Fixture()
        _ = try await CommandLineTests.run(["generate", "--quiet"], in: kit.root)
        try kit.write("out/old.txt", "gone\n")
        try kit.edit("content/messages/how-to-report.md", replacing: "When you recognize", with: "Now, when you recognize")
        let full = try await CommandLineTests.run(["generate", "--check", "--report", "json"], in: kit.root)
        var reports: [String] = []
        for index in 1...3 {
            let part = try await CommandLineTests.run(["generate", "--check", "--report", "json", "--shard", "\(index)/3"], in: kit.root)
            try kit.write("report-\(index).json", part.stdout)
            reports.append("report-\(index).json")
        }
        let filter = Repository.root.appendingPathComponent("Examples/ci/merge-reports.jq").path
        let merged = try await runProcess(URL(fileURLWithPath: try #require(Self.jq)), ["-s", "-f", filter] + reports, in: kit.root)
        #expect(merged.status == 0, "\(merged.stderr)")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(full.stdout.utf8)) as? [String: Any])
        let actual = try #require(try JSONSerialization.jsonObject(with: Data(merged.stdout.utf8)) as? [String: Any])
        func canonical(_ value: Any?) throws -> String {
            let data = try JSONSerialization.data(withJSONObject: [value ?? NSNull()], options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        for key in ["files", "summary", "ok", "mode", "output"] {
            #expect(try canonical(actual[key]) == canonical(expected[key]), "\(key)")
        }
        #expect((expected["summary"] as? [String: Int])?["stale"] ?? 0 > 0)
        #expect((expected["summary"] as? [String: Int])?["extra"] == 1)
    }

    @Test func aShardOutsideOneToNIsBadUsage() async throws {
        let kit = try Fixture()
        for shard in ["0/3", "4/3", "3", "x/y"] {
            let run = try await CommandLineTests.run(["generate", "--shard", shard], in: kit.root)
            #expect(run.status == 2, "\(shard): \(run.status)")
            #expect(run.stderr.contains("--shard takes K/N"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: kit.output.path))
    }

    @Test func shardTextIsKOfN() {
        #expect(Shard("2/8") == Shard(index: 2, count: 8))
        #expect(Shard("0/8") == nil)
        #expect(Shard("9/8") == nil)
        #expect(Shard("2") == nil)
        #expect(Shard("a/b") == nil)
        #expect(Shard(index: 1, count: 1)?.contains("anything") == true)
    }
}
