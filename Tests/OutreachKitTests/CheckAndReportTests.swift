import Foundation
import Testing

/// `generate --check`, `--report json`, `--diagnostics github` and `--jobs`, through the built binary.
@Suite(.hangGuard) struct CheckAndReportTests {
    typealias CLI = CommandLineTests

    @Test func checkPassesWhenCommittedMaterialsAreCurrent() async throws {
        let kit = try Fixture()
        #expect(try await CLI.run(["generate", "--quiet"], in: kit.root).status == 0)
        let before = kit.outputTree()
        let check = try await CLI.run(["generate", "--check"], in: kit.root)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout == "71 files in out are up to date\n")
        #expect(kit.outputTree() == before)
    }

    @Test func checkListsStaleMissingAndExtraFilesAndWritesNothing() async throws {
        let kit = try Fixture()
        #expect(try await CLI.run(["generate", "--quiet"], in: kit.root).status == 0)
        try kit.edit("content/messages/recognize-the-signs.md", replacing: "title: Recognize the signs", with: "title: Know the signs")
        try FileManager.default.removeItem(at: kit.url("out/profiles/tsa.html"))
        try kit.write("out/old-poster.html", "<p>retired</p>\n")
        let before = kit.outputTree()
        let check = try await CLI.run(["generate", "--check"], in: kit.root)
        #expect(check.status == 1)
        #expect(check.stdout.contains("stale: out/recognize-and-report.txt\n"))
        #expect(check.stdout.contains("stale: out/recognize-and-report.md\n"))
        #expect(check.stdout.contains("missing: out/profiles/tsa.html\n"))
        #expect(check.stdout.contains("extra: out/old-poster.html (the manifest no longer makes it)\n"))
        #expect(check.stdout.contains("--- out/recognize-and-report.txt (on disk)\n+++ out/recognize-and-report.txt (generated)\n"))
        #expect(check.stdout.contains("\n-Recognize the signs\n-" + String(repeating: "-", count: 19) + "\n+Know the signs\n+" + String(repeating: "-", count: 14) + "\n"))
        #expect(check.stdout.hasSuffix("14 of 72 files in out are out of date; run 'outreach generate' to update them\n"))
        #expect(kit.outputTree() == before)
    }

    @Test func filteredCheckDoesNotCallOtherMaterialsExtra() async throws {
        let kit = try Fixture()
        #expect(try await CLI.run(["generate", "--quiet"], in: kit.root).status == 0)
        let check = try await CLI.run(["generate", "--check", "--material", "recognize-and-report"], in: kit.root)
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout == "7 files in out are up to date\n") // in English and in Spanish, and the asset
    }

    @Test func jsonReportListsEveryFileAndDiagnostic() async throws {
        let kit = try Fixture()
        let run = try await CLI.run(["generate", "--report", "json"], in: kit.root)
        #expect(run.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(report["ok"] as? Bool == true)
        #expect(report["mode"] as? String == "generate")
        let files = try #require(report["files"] as? [[String: Any]])
        #expect(files.count == 71)
        let first = try #require(files.first { $0["format"] as? String != "asset" })
        #expect(files.first?["path"] as? String == "out/assets/partners/example-city-coalition.svg")
        #expect(files.first?["material"] as? String == "asset")
        #expect(first["path"] as? String == "out/es/government-roles.html")
        #expect(first["format"] as? String == "html")
        #expect(first["material"] as? String == "government-roles")
        #expect(first["status"] as? String == "written")
        #expect((first["bytes"] as? Int ?? 0) > 1000)

        let again = try await CLI.run(["generate", "--report", "json"], in: kit.root)
        let statuses = (try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])?["summary"] as? [String: Int]
        #expect(statuses?["unchanged"] == 71)
        #expect(statuses?["written"] == nil)
    }

    /// `--check --report json` names each made file's format, material and size as `generate` does; an extra file has none.
    @Test func checkReportNamesWhatEachFileIsMadeFrom() async throws {
        let kit = try Fixture()
        let generate = try await CLI.run(["generate", "--report", "json"], in: kit.root)
        try kit.write("out/old-poster.html", "<p>old</p>\n")
        let check = try await CLI.run(["generate", "--check", "--report", "json"], in: kit.root)
        #expect(check.status == 1)
        func files(_ stdout: String) throws -> [String: [String: Any]] {
            let report = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
            let list = try #require(report["files"] as? [[String: Any]])
            return Dictionary(list.map { ($0["path"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        }
        let made = try files(generate.stdout), checked = try files(check.stdout)
        #expect(checked.count == made.count + 1)
        for (path, file) in made {
            let entry = try #require(checked[path])
            #expect(entry["status"] as? String == "unchanged")
            #expect(entry["format"] as? String == file["format"] as? String)
            #expect(entry["material"] as? String == file["material"] as? String)
            let size = try FileManager.default.attributesOfItem(atPath: kit.root.appendingPathComponent(path).path)[.size] as? Int
            #expect(entry["bytes"] as? Int == size, "\(path)")
        }
        let extra = try #require(checked["out/old-poster.html"])
        #expect(extra["status"] as? String == "extra")
        #expect(extra["format"] == nil && extra["material"] == nil && extra["bytes"] == nil)
    }

    @Test func jsonReportOfAFailedRunCarriesTheDiagnostics() async throws {
        let kit = try Fixture()
        try kit.edit("outreach.yml", replacing: "layout: handout", with: "layout: leaflet")
        let run = try await CLI.run(["generate", "--report", "json"], in: kit.root)
        #expect(run.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(report["ok"] as? Bool == false)
        let problem = try #require((report["diagnostics"] as? [[String: Any]])?.first)
        #expect(problem["file"] as? String == "outreach.yml")
        #expect(problem["line"] as? Int == 45)
        #expect(problem["column"] as? Int == 13)
        #expect((problem["message"] as? String)?.contains("unknown layout 'leaflet'") == true)
        #expect(problem["code"] as? String == "OUT0110")
        #expect(problem["kind"] as? String == "manifest")
    }

    @Test func githubDiagnosticsAreWorkflowCommands() async throws {
        let kit = try Fixture()
        try kit.edit("outreach.yml", replacing: "layout: handout", with: "layout: leaflet")
        let run = try await CLI.run(["generate", "--diagnostics", "github"], in: kit.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("::error file=outreach.yml,line=45,col=13,title=OUT0110::unknown layout 'leaflet' in material 'recognize-and-report'; available: 'agency-profile', 'fact-sheet', 'handout'\n"))
    }

    @Test func noColourWhenNotATerminal() async throws {
        let kit = try Fixture()
        try kit.edit("outreach.yml", replacing: "layout: handout", with: "layout: leaflet")
        let run = try await CLI.run(["generate"], in: kit.root)
        #expect(!run.stderr.contains("\u{1B}["))
        #expect(!run.stderr.contains("\r"))
    }

    @Test func treesAreByteIdenticalWhateverTheNumberOfJobs() async throws {
        let one = try Fixture(), many = try Fixture()
        #expect(try await CLI.run(["generate", "--jobs", "1", "--quiet"], in: one.root).status == 0)
        #expect(try await CLI.run(["generate", "--jobs", "8", "--quiet"], in: many.root).status == 0)
        // Hidden files too (the render cache), but not `.outreach-state` and `.outreach-run`: they record inodes and times.
        let trees = [one, many].map { $0.outputTree(includingHidden: true).filter { $0.key != ".outreach-state" && $0.key != ".outreach-run" } }
        #expect(trees[0] == trees[1])
        #expect(trees[0].keys.contains(".outreach-cache"))
        #expect(one.outputTree().count == 71)
        #expect(try await CLI.run(["generate", "--jobs", "0"], in: one.root).status == 2)
    }

    @Test func sourceDateEpochSetsTheDate() async throws {
        let kit = try Fixture()
        #expect(try await CLI.run(["generate", "--quiet"], in: kit.root, environment: ["SOURCE_DATE_EPOCH": "1767225600"]).status == 0)
        #expect(try kit.read("out/recognize-and-report.txt").contains("\nJanuary 1, 2026\n"))
        #expect(try kit.read("out/es/recognize-and-report.txt").contains("\n1 de enero de 2026\n"))
        #expect(try kit.read("out/recognize-and-report.md").contains("date: \"2026-01-01\""))
    }
}
