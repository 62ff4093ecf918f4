import Foundation
import Testing
@testable import OutreachKit

/// The stated Swift requirement is the one Package.swift declares, everywhere it is stated,
/// and every GitHub workflow in the repository passes actionlint.
@Suite(.hangGuard) struct ToolchainAndWorkflowTests {
    static func text(_ path: String) throws -> String {
        try String(contentsOf: Repository.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every match of `pattern`'s first capture group in `text`.
    static func captures(_ pattern: String, in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// Every workflow file: this repository's own, and the examples a user copies.
    static func workflows() throws -> [String] {
        let folder = Repository.root.appendingPathComponent(".github/workflows")
        let own = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { ".github/workflows/" + $0 }
        return own + ["Examples/ci/outreach.yml"]
    }

    /// Each version outreach prints has its section in CHANGELOG.md, under Unreleased.
    @Test func theChangelogHasThisVersion() throws {
        let changelog = try Self.text("CHANGELOG.md")
        let unreleased = try #require(changelog.range(of: "\n## Unreleased\n"))
        let section = try #require(changelog.range(of: "\n## \(Outreach.version) ("), "CHANGELOG.md has no '## \(Outreach.version) (DATE)'")
        #expect(unreleased.upperBound <= section.lowerBound)
        let headings = changelog.split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(headings.dropFirst().first?.hasPrefix("## \(Outreach.version) ") == true, "the newest release first: \(headings)")
    }

    @Test func theToolchainClaimAgreesWithPackageSwift() throws {
        let tools = try #require(try Self.captures(#"^// swift-tools-version: *(\d+\.\d+)"#, in: try Self.text("Package.swift")).first)
        #expect(try Self.captures(#"^// swift-tools-version: *(\d+\.\d+)"#, in: try Self.text("Examples/custom-renderer/Package.swift")) == [tools])

        let readme = try Self.captures(#"Swift toolchain \((\d+\.\d+) or later"#, in: try Self.text("README.md"))
        #expect(!readme.isEmpty && readme.allSatisfy { $0 == tools }, "README says \(readme), Package.swift \(tools)")
        let setup = try Self.captures(#"Swift toolchain \((\d+\.\d+) or later"#, in: try Self.text("Scripts/setup"))
        #expect(setup == [tools], "Scripts/setup says \(setup), Package.swift \(tools)")

        // Every Swift image a workflow or container file runs in.
        let own = try Self.captures(#"swift:(\d+\.\d+)"#, in: try Self.text(".github/workflows/ci.yml"))
        #expect(own == [tools], ".github/workflows/ci.yml runs in \(own), Package.swift asks for \(tools)")
        for file in try Self.workflows() + ["Containerfile"] where FileManager.default.fileExists(atPath: Repository.root.appendingPathComponent(file).path) {
            let images = try Self.captures(#"swift:(\d+\.\d+)"#, in: try Self.text(file))
            #expect(images.allSatisfy { $0 == tools }, "\(file) names swift:\(images), Package.swift asks for \(tools)")
        }
        #expect(try Self.text(".github/workflows/ci.yml").contains("run: .ci/run"))
    }

    /// actionlint, installed by Scripts/setup, looked up on the PATH the tests run with.
    static let actionlint: URL? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + CleanEnvironment.path.split(separator: ":").map(String.init)
        return folders.map { URL(fileURLWithPath: $0).appendingPathComponent("actionlint") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static func lint(_ files: [URL]) async throws -> (status: Int32, output: String) {
        let tool = try #require(actionlint, "actionlint is not on PATH; run Scripts/setup")
        let result = try await runProcess(tool, ["-no-color"] + files.map(\.path), in: Repository.root)
        return (result.status, result.stdout + result.stderr)
    }

    @Test func everyWorkflowPassesActionlint() async throws {
        let files = try Self.workflows().map { Repository.root.appendingPathComponent($0) }
        let result = try await Self.lint(files)
        #expect(result.status == 0, "\(result.output)")
    }

    /// The check can fail: an outdated action version is reported.
    @Test func actionlintRejectsAnOutdatedAction() async throws {
        let folder = try Fixture(copyingExample: false)
        let workflow = try Self.text("Examples/ci/outreach.yml").replacingOccurrences(of: "actions/checkout@v5", with: "actions/checkout@v3")
        try folder.write("workflow.yml", workflow)
        let result = try await Self.lint([folder.url("workflow.yml")])
        #expect(result.status != 0)
        #expect(result.output.contains("actions/checkout@v3"), "\(result.output)")
    }
}
