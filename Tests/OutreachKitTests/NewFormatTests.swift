import Foundation
import Testing

/// `outreach new-format` makes formats that render on the first run.
@Suite(.serialized, .timeLimit(.minutes(1))) struct NewFormatTests {
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
}
