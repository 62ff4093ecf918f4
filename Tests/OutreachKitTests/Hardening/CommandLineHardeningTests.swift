import Foundation
import Testing
@testable import OutreachKit

/// The binary itself: usage refused before anything is written, and nothing raw reaches the terminal.
@Suite(.hangGuard) struct CommandLineHardeningTests {
    typealias CLI = CommandLineTests

    @Test func anEmptyOutputFolderIsAUsageError() async throws {
        let kit = try Fixture.minimal()
        for empty in ["", " "] {
            let run = try await CLI.run(["generate", "-o", empty], in: kit.root)
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stderr.contains("--output must name a folder"))
        }
        #expect(!FileManager.default.fileExists(atPath: kit.output.path))
    }

    @Test func newFormatRefusesABuiltInName() async throws {
        for name in ["html", "markdown", "text"] {
            let kit = try Fixture(copyingExample: false)
            let run = try await CLI.run(["new-format", name, "--kind", "template"], in: kit.root)
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stderr.contains("built-in"))
            #expect((try? FileManager.default.contentsOfDirectory(atPath: kit.root.path))?.isEmpty == true, "nothing written")
        }
    }

    @Test func escapeSequencesInContentNeverReachTheTerminal() async throws {
        let kit = try Fixture.minimal()
        try kit.write("content/messages/signs.md", "---\ntitle: Signs\naudiences: [public]\nagencies: [\"ic\\e]0;owned\\ae\"]\n---\nBody.\n")
        try kit.write("content/messages/\u{1B}[2Jbad.md", "no front matter\n")
        for style in ["human", "github"] {
            let run = try await CLI.run(["generate", "--diagnostics", style], in: kit.root)
            #expect(run.status == 1)
            #expect(!run.stderr.contains("\u{1B}") && !run.stderr.contains("\u{07}"), "\(style): \(run.stderr.debugDescription)")
            #expect(run.stderr.contains("\\u{1B}"), "\(style): \(run.stderr)")
        }
        let json = try await CLI.run(["generate", "--report", "json"], in: kit.root)
        #expect(!json.stdout.contains("\\u001b") && !json.stdout.contains("\\u001B"), "\(json.stdout)")
    }
}
