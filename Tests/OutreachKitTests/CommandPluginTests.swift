import Foundation
import Testing

/// Runs `swift package generate-outreach` on a fixture package that depends on
/// outreach by path. Building outreach inside the fixture takes minutes, so
/// this runs when `OUTREACH_PLUGIN_TESTS=1`, as `Scripts/test` (and so CI) sets it.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["OUTREACH_PLUGIN_TESTS"] == "1", "set OUTREACH_PLUGIN_TESTS=1 to run"),
       .buildGuard)
struct CommandPluginTests {
    static let fixture = Repository.root.appendingPathComponent("Tests/Fixtures/plugin-package")
    static let scratch = Repository.root.appendingPathComponent(".build-plugin-fixture")

    /// A copy of the fixture package whose dependency points at this repository.
    static func makePackage() throws -> Fixture {
        let package = try Fixture(copyingExample: false)
        for name in ["outreach.yml", "content"] {
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(name), to: package.url(name))
        }
        let template = try String(contentsOf: fixture.appendingPathComponent("Package.swift.template"), encoding: .utf8)
        try package.write("Package.swift", template.replacingOccurrences(of: "@OUTREACH_PATH@", with: Repository.root.path))
        return package
    }

    /// The `swift` that runs these tests: the one program looked up on the caller's PATH.
    static let swift: URL = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let found = folders.map { URL(fileURLWithPath: $0).appendingPathComponent("swift") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return found ?? URL(fileURLWithPath: "/usr/bin/swift")
    }()

    /// `swift package` in a clean environment whose PATH has the toolchain's folder first.
    static func swiftPackage(_ arguments: [String], in package: Fixture) async throws -> CommandLineTests.Run {
        let toolchain = swift.resolvingSymlinksInPath().deletingLastPathComponent().path
        let result = try await runProcess(
            swift, ["package", "--scratch-path", scratch.path] + arguments,
            in: package.root, environment: ["PATH": toolchain + ":" + CleanEnvironment.path])
        return CommandLineTests.Run(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    @Test func generatesTheFixturesMaterials() async throws {
        let package = try Self.makePackage()
        let run = try await Self.swiftPackage(["--allow-writing-to-package-directory", "generate-outreach"], in: package)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("wrote materials/handout.md"))
        #expect(try package.read("materials/handout.md").contains("## Recognize the signs"))
        #expect(try package.read("materials/handout.txt").contains("Recognize the signs\n-------------------"))

        let check = try await Self.swiftPackage(["--allow-writing-to-package-directory", "generate-outreach", "--check"], in: package)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("2 files in materials are up to date"))
    }

    /// Once outreach is built, a run with nothing changed compiles, links and embeds nothing.
    @Test func aSecondRunWithNothingChangedBuildsNothing() async throws {
        let package = try Self.makePackage()
        let first = try await Self.swiftPackage(["--allow-writing-to-package-directory", "generate-outreach"], in: package)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try await Self.swiftPackage(["--allow-writing-to-package-directory", "generate-outreach"], in: package)
        #expect(second.status == 0, "\(second.stderr)")
        let log = second.stdout + second.stderr
        #expect(log.contains("2 files in materials: 0 written, 2 unchanged"), "\(log)")
        for step in ["Compiling", "Linking", "Embedding", "Emitting", "Wrapping"] {
            #expect(!log.contains(step), "a run with nothing changed still ran '\(step)' steps:\n\(log)")
        }
    }

    @Test func aBrokenManifestFailsWithLocatedDiagnostics() async throws {
        let package = try Self.makePackage()
        try package.edit("outreach.yml", replacing: "layout: handout", with: "layout: leaflet")
        let run = try await Self.swiftPackage(["--allow-writing-to-package-directory", "generate-outreach"], in: package)
        #expect(run.status != 0)
        #expect(run.stderr.contains("error: outreach.yml:6:13: unknown layout 'leaflet' in material 'handout'; available: 'agency-profile', 'fact-sheet', 'handout'"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: package.url("materials").path))
    }

    /// Without `-v`: GitHub annotations survive as they are.
    @Test func githubAnnotationsPassThrough() async throws {
        let package = try Self.makePackage()
        try package.edit("outreach.yml", replacing: "layout: handout", with: "layout: leaflet")
        let run = try await Self.swiftPackage(["--allow-writing-to-package-directory", "generate-outreach", "--diagnostics", "github"], in: package)
        #expect(run.status != 0)
        let lines = (run.stdout + "\n" + run.stderr).split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("::error file=outreach.yml,line=6,col=13,title=OUT0110::unknown layout 'leaflet'") },
                "\(run.stdout)\(run.stderr)")
    }

    /// Without `-v`: a failing external format's stderr tail is quoted under its diagnostic.
    @Test func aFailingFormatsStderrIsShown() async throws {
        let package = try Self.makePackage()
        try package.write("plugins/broken.py", "import sys\nsys.stdin.read()\nraise ValueError('the plugin broke here')\n")
        try package.edit("outreach.yml", replacing: "materials:", with: "formats:\n  - name: broken\n    command: [python3, plugins/broken.py]\nmaterials:")
        try package.edit("outreach.yml", replacing: "formats: [markdown, text]", with: "formats: [markdown, broken]")
        let run = try await Self.swiftPackage(["--allow-writing-to-package-directory", "generate-outreach"], in: package)
        #expect(run.status != 0)
        let output = run.stdout + run.stderr
        #expect(output.contains("ValueError: the plugin broke here"), "\(output)")
        #expect(output.contains("external format 'broken'"), "\(output)")
    }

    /// Without `-v`: a usage mistake shows outreach's own message, not only an exit status.
    @Test func usageErrorsAreShown() async throws {
        let package = try Self.makePackage()
        let run = try await Self.swiftPackage(["--allow-writing-to-package-directory", "generate-outreach", "--bogus"], in: package)
        #expect(run.status != 0)
        let output = run.stdout + run.stderr
        #expect(output.contains("Unknown option '--bogus'"), "\(output)")
        #expect(output.contains("bad usage (exit status 2)"), "\(output)")
    }

    @Test func withoutPermissionItNamesTheFlag() async throws {
        let package = try Self.makePackage()
        let run = try await Self.swiftPackage(["generate-outreach"], in: package)
        #expect(run.status != 0)
        #expect(run.stderr.contains("--allow-writing-to-package-directory"))
        #expect(!FileManager.default.fileExists(atPath: package.url("materials").path))
    }
}
