import Foundation
import Testing

/// `outreach new-format` makes formats that render on the first run.
@Suite(.serialized, .hangGuard) struct NewFormatTests {
    typealias CLI = CommandLineTests

    @Test(arguments: ["template", "external"])
    func scaffoldRendersOnTheFirstRun(kind: String) async throws {
        let kit = try Fixture.minimal()
        let made = try await CLI.run(["new-format", "poster", "--kind", kind], in: kit.root)
        #expect(made.status == 0, "\(made.stderr)")
        let snippet = kind == "template" ? "formats:\n  - folder: formats\n"
            : "formats:\n  - name: poster\n    command: [python3, plugins/outreach-format-poster]\n"
        #expect(made.stdout.contains(snippet.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")))
        try kit.edit("outreach.yml", replacing: "materials:", with: snippet + "materials:")
        try kit.edit("outreach.yml", replacing: "formats: [markdown, text, html]", with: "formats: [poster]")

        let formats = try await CLI.run(["formats"], in: kit.root)
        #expect(formats.stdout.contains("poster") && formats.stdout.contains(kind), "\(formats.stdout)\(formats.stderr)")
        let run = try await CLI.run(["generate"], in: kit.root)
        #expect(run.status == 0, "\(run.stderr)")
        let page = try kit.read("out/sheet.txt")
        #expect(page.hasPrefix("Government roles in combating human trafficking\n"))
        #expect(page.contains("Immigration and Customs Enforcement"))
    }

    @Test func refusesToReplaceFilesAndBadNames() async throws {
        let kit = try Fixture.minimal()
        #expect(try await CLI.run(["new-format", "poster", "--kind", "template"], in: kit.root).status == 0)
        let again = try await CLI.run(["new-format", "poster", "--kind", "template"], in: kit.root)
        #expect(again.status == 1)
        #expect(again.stderr.contains("'formats/poster/format.yml' already exists; nothing was written"))
        #expect(try await CLI.run(["new-format", "Poster!", "--kind", "template"], in: kit.root).status == 2)
        #expect(try await CLI.run(["new-format", "poster", "--kind", "pdf"], in: kit.root).status == 2)
    }

    /// `--directory` names the formats folder itself: `--directory formats` writes `formats/NAME/`, not `formats/formats/NAME/`.
    @Test func directoryIsTheFormatsFolder() async throws {
        let kit = try Fixture.minimal()
        let made = try await CLI.run(["new-format", "poster", "--kind", "template", "--directory", "formats"], in: kit.root)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.hasPrefix("wrote formats/poster/format.yml\nwrote formats/poster/page.mustache\n"), "\(made.stdout)")
        #expect(!FileManager.default.fileExists(atPath: kit.url("formats/formats").path))
        let other = try await CLI.run(["new-format", "flyer", "--kind", "template", "--directory", "kit/looks", "-q"], in: kit.root)
        #expect(other.status == 0 && other.stdout.isEmpty, "\(other.stdout)\(other.stderr)")
        #expect(FileManager.default.fileExists(atPath: kit.url("kit/looks/flyer/format.yml").path))
        let program = try await CLI.run(["new-format", "feed", "--kind", "external", "--directory", "tools"], in: kit.root)
        #expect(program.stdout.contains("command: [python3, tools/outreach-format-feed]"), "\(program.stdout)")
        #expect(FileManager.default.isExecutableFile(atPath: kit.url("tools/outreach-format-feed").path))
    }

    /// A bad name is a usage error before anything is written, whichever kind is asked for.
    @Test(arguments: ["é", "café", "日本語", "Poster", "poster-", "-poster", "post er", "poster_2", "poster.v2", ""])
    func badNamesAreRefusedUpFront(name: String) async throws {
        for kind in ["template", "external"] {
            let kit = try Fixture(copyingExample: false)
            // After `--`, so that "-poster" is taken as the name rather than an option.
            let run = try await CLI.run(["new-format", "--kind", kind, "--", name], in: kit.root)
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stderr.contains("format name '\(name)' must use only lowercase ASCII letters, digits and hyphens"), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: kit.root.path).isEmpty, "something was written")
        }
    }
}
