import Foundation
import Testing
@testable import OutreachKit

/// `outreach init` writes a campaign that generates on the first run.
@Suite(.hangGuard) struct InitTests {
    typealias CLI = CommandLineTests

    @Test func aNewCampaignGeneratesOnTheFirstRun() async throws {
        let parent = try Fixture(copyingExample: false)
        let made = try await CLI.run(["init", "campaign"], in: parent.root)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("wrote campaign/outreach.yml\n"))
        #expect(made.stdout.hasSuffix("Next: cd campaign && outreach generate\n"))
        let campaign = parent.root.appendingPathComponent("campaign")

        let run = try await CLI.run(["generate", "--strict"], in: campaign)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.isEmpty, "a new campaign has warnings: \(run.stderr)")
        for file in ["handout.md", "handout.txt", "handout.html", "agency-roles.html", "card.txt"] {
            #expect(FileManager.default.fileExists(atPath: campaign.appendingPathComponent("out/\(file)").path), "no out/\(file)")
        }
        let handout = try String(contentsOf: campaign.appendingPathComponent("out/handout.md"), encoding: .utf8)
        #expect(handout.contains("Recognize the signs") && handout.contains("1-800-555-0100"))
        let check = try await CLI.run(["generate", "--check", "-q"], in: campaign)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func itWritesWhatTheIssueAsksFor() async throws {
        let folder = try Fixture(copyingExample: false)
        #expect(try await CLI.run(["init", "-q"], in: folder.root).status == 0)
        let messages = try FileManager.default.contentsOfDirectory(atPath: folder.url("content/messages").path)
        #expect(messages.count == 2)
        #expect(try folder.read("content/agencies.yml").components(separatedBy: "\n- id: ").count == 2)
        #expect(try folder.read("content/contacts.yml").components(separatedBy: "\n- id: ").count == 2)
        #expect(FileManager.default.fileExists(atPath: folder.url("formats/card/format.yml").path))
        let ignore = try folder.read(".gitignore")
        #expect(ignore.contains("/out/\n") && ignore.contains(".outreach-cache\n") && ignore.contains(".outreach-state\n")
                && ignore.contains(".outreach-run\n"))
        // The workflow is the one in Examples/ci, which actionlint checks; the schemas are Schemas/'s.
        let workflow = try String(contentsOf: Repository.root.appendingPathComponent("Examples/ci/outreach.yml"), encoding: .utf8)
        #expect(try folder.read(".github/workflows/outreach.yml") == workflow)
        for name in ["outreach", "campaign", "contacts", "agencies", "message", "format"] {
            let schema = try String(contentsOf: Repository.root.appendingPathComponent("Schemas/\(name).schema.json"), encoding: .utf8)
            #expect(try folder.read("schemas/\(name).schema.json") == schema, "schemas/\(name).schema.json")
        }
        // Each file names its schema, by a path that exists from where the file is.
        for (file, schema) in [("outreach.yml", "schemas/outreach.schema.json"),
                               ("content/campaign.yml", "../schemas/campaign.schema.json"),
                               ("content/messages/how-to-report.md", "../../schemas/message.schema.json"),
                               ("formats/card/format.yml", "../../schemas/format.schema.json")] {
            #expect(try folder.read(file).contains("# yaml-language-server: $schema=\(schema)\n"), "\(file)")
            let target = folder.url(file).deletingLastPathComponent().appendingPathComponent(schema).standardizedFileURL
            #expect(FileManager.default.fileExists(atPath: target.path), "\(file) names \(schema)")
        }
        // And every scaffolded file validates against its schema.
        for (schema, files) in SchemaTests.kitFiles(in: folder.root) + [("format", [folder.url("formats/card/format.yml")])] {
            let result = try await SchemaTests.validate(schema, files)
            #expect(result.status == 0, "\(schema): \(result.output)")
        }
    }

    /// The workflow installs the release that wrote it; the example names the current version too.
    @Test func theWorkflowPinsThisVersion() throws {
        let example = try String(contentsOf: Repository.root.appendingPathComponent("Examples/ci/outreach.yml"), encoding: .utf8)
        #expect(example.contains("\n  OUTREACH_VERSION: \"\(Outreach.version)\"\n"),
                "Examples/ci/outreach.yml must name OUTREACH_VERSION \"\(Outreach.version)\", the version in Outreach.swift")
        let older = example.replacingOccurrences(of: "OUTREACH_VERSION: \"\(Outreach.version)\"", with: "OUTREACH_VERSION: \"0.0.1\"")
        #expect(older != example)
        #expect(CampaignScaffold.pinningVersion(older) == example)
    }

    @Test func itNeverReplacesAFile() async throws {
        let folder = try Fixture(copyingExample: false)
        try folder.write("outreach.yml", "mine\n")
        let run = try await CLI.run(["init"], in: folder.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("outreach.yml: error: 'outreach.yml' already exists; nothing was written") && run.stderr.contains("(OUT0511)"), "\(run.stderr)")
        #expect(try folder.read("outreach.yml") == "mine\n")
        #expect(!FileManager.default.fileExists(atPath: folder.url("content").path))
    }
}
