import Foundation
import Testing
import OutreachKit

/// End-to-end tests that run the built `outreach` binary.
@Suite(.hangGuard) struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `outreach` executable next to the test bundle.
    static let binary: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("outreach"),
            Bundle.main.bundleURL.appendingPathComponent("outreach"),
            Repository.root.appendingPathComponent(".build/debug/outreach"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }()

    /// Runs the binary in `folder` with ``CleanEnvironment`` plus `environment`.
    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) async throws -> Run {
        let result = try await runProcess(binary, arguments, in: folder, environment: environment)
        return Run(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    @Test func generatesTheBlueCampaignKit() async throws {
        let kit = try Fixture()
        let run = try await Self.run(["generate"], in: kit.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("wrote out/government-roles.html\n"))
        #expect(run.stdout.contains("wrote out/profiles/uscg.html\n"))
        #expect(run.stdout.hasSuffix("71 files in out: 71 written, 0 unchanged\n"))
        #expect(kit.outputTree().count == 71)

        let again = try await Self.run(["generate"], in: kit.root)
        #expect(again.stdout == "71 files in out: 0 written, 71 unchanged\n")
    }

    @Test func generatesFromTheRepositoryExampleWithoutTouchingIt() async throws {
        let target = try Fixture(copyingExample: false)
        let run = try await Self.run(["generate", Repository.exampleManifest.path, "--output", target.output.path, "--quiet"], in: target.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(target.outputTree().keys.contains("government-roles.html"))
    }

    @Test func formatAndMaterialFilters() async throws {
        let kit = try Fixture()
        let run = try await Self.run(["generate", "--format", "text", "--material", "recognize-and-report"], in: kit.root)
        #expect(run.status == 0, "\(run.stderr)")
        // The assets folder is copied on every run, filtered or not: the pages made may need it.
        #expect(kit.outputTree().keys.sorted() == ["assets/partners/example-city-coalition.svg", "es/recognize-and-report.txt", "recognize-and-report.txt"])
    }

    @Test func validateWritesNothing() async throws {
        let kit = try Fixture()
        let run = try await Self.run(["validate"], in: kit.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "outreach.yml: ok: 12 materials, 71 outputs\n")
        #expect(!FileManager.default.fileExists(atPath: kit.output.path))
    }

    @Test func badContentExitsOneWithLocatedErrorsAndWritesNothing() async throws {
        let kit = try Fixture()
        try kit.edit("content/agencies.yml", replacing: "kind: dhs-component", with: "kind: bureau")
        try kit.edit("outreach.yml", replacing: "formats: [html]\n    agencyKinds", with: "formats: [html, poster]\n    agencyKinds")
        let run = try await Self.run(["generate"], in: kit.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("outreach.yml:56:21: error: unknown format 'poster' in material 'agency-profile'; available: 'html', 'markdown', 'pdf', 'sms', 'text', 'wallet-card'"))
        #expect(run.stderr.contains("content/agencies.yml:"))
        #expect(run.stderr.contains("error: unknown kind 'bureau'"))
        #expect(run.stderr.contains("'wallet-card' (OUT0111)\n"), "the code ends the line")
        #expect(run.stderr.contains("(OUT0012)\n"))
        #expect(run.stderr.hasSuffix("outreach: 2 errors; nothing was written\n"))
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: kit.output.path))
    }

    @Test func missingManifestExitsOne() async throws {
        let kit = try Fixture(copyingExample: false)
        let run = try await Self.run(["validate"], in: kit.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("outreach.yml: error: cannot read manifest 'outreach.yml'"))
    }

    @Test(arguments: [["generate", "--format", "poster"], ["generate", "--bogus"], ["frobnicate"]])
    func usageErrorsExitTwo(arguments: [String]) async throws {
        let kit = try Fixture()
        let run = try await Self.run(arguments, in: kit.root)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: kit.output.path))
    }

    @Test func unknownFormatFilterNamesTheFormats() async throws {
        let run = try await Self.run(["generate", "--format", "poster"], in: try Fixture().root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: unknown format 'poster' given to --format; available: 'html', 'markdown', 'pdf', 'sms', 'text', 'wallet-card' (OUT0602)\n"))
        let material = try await Self.run(["generate", "--material", "poster"], in: try Fixture().root)
        #expect(material.status == 2)
        #expect(material.stderr.contains("unknown material 'poster' given to --material"))
        #expect(material.stderr.contains("(OUT0601)\n"))
    }

    @Test func formatFilterTakesTemplateFormats() async throws {
        let kit = try Fixture()
        let run = try await Self.run(["generate", "--format", "sms"], in: kit.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(kit.outputTree().keys.sorted() == ["assets/partners/example-city-coalition.svg", "es/text-messages.txt", "text-messages.txt"])
    }

    @Test func versionAndFormats() async throws {
        let folder = try Fixture(copyingExample: false).root
        let version = try await Self.run(["--version"], in: folder)
        #expect(version.status == 0)
        #expect(version.stdout == Outreach.version + "\n" && Outreach.version == "0.2.0")
        let formats = try await Self.run(["formats"], in: folder)
        #expect(formats.status == 0)
        let names = formats.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(names == ["html", "markdown", "pdf", "text"])
        let json = try await Self.run(["formats", "--report", "json"], in: folder)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]]
        #expect(parsed?.map { $0["name"] ?? "" } == ["html", "markdown", "pdf", "text"])
        // The older spelling still works and prints the same.
        #expect(try await Self.run(["formats", "--json"], in: folder).stdout == json.stdout)
    }
}
