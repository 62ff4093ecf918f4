import Foundation
import Testing

/// `--strict` turns warnings into a failed run; `-q` silences what is not a problem.
@Suite(.hangGuard) struct StrictAndQuietTests {
    typealias CLI = CommandLineTests

    /// A kit whose one template format names a variable no context value has: a warning (OUT0312), not an error.
    static func kitWithAWarning() async throws -> Fixture {
        let kit = try Fixture.minimal()
        #expect(try await CLI.run(["new-format", "poster", "--kind", "template", "-q"], in: kit.root).status == 0)
        try kit.edit("formats/poster/page.mustache", replacing: "{{metadata.title}}", with: "{{metadata.title}} {{titel}}")
        try kit.edit("outreach.yml", replacing: "materials:", with: "formats:\n  - folder: formats\nmaterials:")
        try kit.edit("outreach.yml", replacing: "formats: [markdown, text, html]", with: "formats: [poster]")
        return kit
    }

    @Test func warningsPassWithoutStrictAndFailWithIt() async throws {
        let kit = try await Self.kitWithAWarning()
        let strict = try await CLI.run(["generate", "--strict"], in: kit.root)
        #expect(strict.status == 1, "\(strict.stderr)")
        #expect(strict.stderr.contains("warning: ") && strict.stderr.contains("(OUT0312)"), "\(strict.stderr)")
        #expect(strict.stderr.hasSuffix("outreach: 1 warning with --strict; nothing was written\n"), "\(strict.stderr)")
        #expect(!FileManager.default.fileExists(atPath: kit.output.path), "a strict run that failed wrote files")

        let validate = try await CLI.run(["validate", "--strict"], in: kit.root)
        #expect(validate.status == 1 && validate.stdout.isEmpty, "\(validate.stdout)\(validate.stderr)")

        let lenient = try await CLI.run(["generate", "-q"], in: kit.root)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("(OUT0312)"))
        #expect(FileManager.default.fileExists(atPath: kit.url("out/sheet.txt").path))
        let check = try await CLI.run(["generate", "--check", "--strict"], in: kit.root)
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
    }

    @Test func aCleanKitPassesStrict() async throws {
        let kit = try Fixture.minimal()
        let run = try await CLI.run(["generate", "--strict", "-q"], in: kit.root)
        #expect(run.status == 0 && run.stdout.isEmpty && run.stderr.isEmpty, "\(run.stdout)\(run.stderr)")
        let check = try await CLI.run(["validate", "--strict", "--quiet"], in: kit.root)
        #expect(check.status == 0 && check.stdout.isEmpty, "\(check.stdout)\(check.stderr)")
    }

    /// Every command that reports in a machine-readable way spells it `--report json`.
    @Test func oneSpellingForMachineReadableOutput() async throws {
        let kit = try Fixture.minimal()
        for command in [["generate"], ["generate", "--check"], ["validate"], ["formats"]] {
            let run = try await CLI.run(command + ["--report", "json"], in: kit.root)
            let parsed = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
            #expect(parsed != nil, "\(command) --report json printed \(run.stdout)")
        }
        let report = try await CLI.run(["validate", "--report", "json"], in: kit.root)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect(object["mode"] as? String == "validate" && object["ok"] as? Bool == true)
        #expect((object["files"] as? [Any])?.count == 3)
    }
}
