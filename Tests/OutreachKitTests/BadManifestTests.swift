import Foundation
import Testing
@testable import OutreachKit

/// Every kind of bad manifest gets a located error, and a failed run writes nothing.
@Suite(.hangGuard) struct BadManifestTests {
    @Test func yamlSyntaxError() async throws {
        let kit = try Fixture.minimal()
        try kit.write("outreach.yml", "version: 1\nmaterials: [\n")
        let problem = await kit.problems().one(containing: "YAML syntax")
        #expect(problem?.code == .yamlSyntax)
        #expect(problem?.location?.file == "outreach.yml")
        #expect(problem?.location?.line == 3)
    }

    @Test func emptyManifest() async throws {
        let kit = try Fixture.minimal()
        try kit.write("outreach.yml", "")
        let problem = await kit.problems().one(containing: "the manifest is empty")
        #expect(problem?.code == .emptyFile)
        #expect(problem?.location?.description == "outreach.yml:1:1")
    }

    @Test func unknownKeyIsATypo() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "    formats:", with: "    fromats:")
        let problems = await kit.problems()
        let problem = problems.one(containing: "unknown key 'fromats'")
        #expect(problem?.code == .unknownKey)
        #expect(problem?.location?.description == "outreach.yml:7:5")
        #expect(problem?.hint?.contains("did you mean 'formats'?") == true)
        #expect(problems.one(containing: "missing required key 'formats'") != nil)
    }

    @Test func wrongTypeAndMissingField() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "output: out\n", with: "")
        try kit.edit("outreach.yml", replacing: "formats: [markdown, text, html]", with: "formats: {html: yes}")
        let problems = await kit.problems()
        #expect(problems.one(containing: "missing required key 'output'")?.location?.description == "outreach.yml:1:1")
        #expect(problems.one(containing: "'formats' must be a list, not a mapping")?.location?.description == "outreach.yml:6:14")
    }

    @Test func unsupportedVersion() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "version: 1", with: "version: 7")
        let problem = await kit.problems().one(containing: "unsupported manifest version 7")
        #expect(problem?.code == .unsupportedVersion)
        #expect(problem?.location?.description == "outreach.yml:1:10")
        #expect(problem?.hint == "supported versions: 1")
    }

    @Test func unknownLayoutNamesTheLayouts() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "layout: fact-sheet", with: "layout: poster")
        let problem = await kit.problems().one(containing: "unknown layout 'poster'")
        #expect(problem?.code == .unknownLayout)
        #expect(problem?.location?.description == "outreach.yml:6:13")
        #expect(problem?.hint == "available: 'agency-profile', 'fact-sheet', 'handout'")
    }

    @Test func unknownFormatNamesTheFormats() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "[markdown, text, html]", with: "[markdown, poster]")
        let problem = await kit.problems().one(containing: "unknown format 'poster'")
        #expect(problem?.code == .unknownFormat)
        #expect(problem?.location?.description == "outreach.yml:7:25")
        #expect(problem?.hint == "available: 'html', 'markdown', 'pdf', 'text'")
    }

    @Test(arguments: ["../{material}.{ext}", "/tmp/{material}.{ext}", "a/../../{material}.{ext}"])
    func outputPatternThatEscapes(pattern: String) async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "    layout: fact-sheet", with: "    layout: fact-sheet\n    output: \"\(pattern)\"")
        let problem = await kit.problems().one(containing: "output pattern '\(pattern)'")
        #expect(problem?.code == .patternEscapes)
        #expect(problem?.location?.description == "outreach.yml:7:13")
    }

    @Test func unknownPlaceholderNamesThePlaceholders() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "    layout: fact-sheet", with: "    layout: fact-sheet\n    output: \"{name}.{ext}\"")
        let problem = await kit.problems().one(containing: "unknown placeholder '{name}'")
        #expect(problem?.code == .unknownPlaceholder)
        #expect(problem?.hint?.contains("'{material}'") == true)
    }

    @Test func danglingReferencesFromTheManifest() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "    formats:", with: "    agencies: [ice, cbp]\n    topics: [signs]\n    audience: everyone\n    formats:")
        let problems = await kit.problems()
        #expect(problems.one(containing: "unknown agency 'cbp'")?.location?.description == "outreach.yml:7:21")
        #expect(problems.one(containing: "unknown agency 'cbp'")?.code == .unknownReference)
        #expect(problems.one(containing: "unknown topic 'signs'")?.hint?.contains("'indicators'") == true)
        #expect(problems.one(containing: "unknown audience 'everyone'")?.location?.description == "outreach.yml:9:15")
    }

    @Test func duplicateMaterialIDs() async throws {
        let kit = try Fixture.minimal()
        try kit.write("outreach.yml", MinimalKit.manifest + "\n  - id: sheet\n    layout: handout\n    formats: [text]\n")
        let problem = await kit.problems().one(containing: "duplicate material id 'sheet'")
        #expect(problem?.code == .duplicateMaterial)
        #expect(problem?.location?.description == "outreach.yml:8:9")
    }

    @Test func everyRepeatedMaterialIDIsReportedInManifestOrderNamingTheFirst() async throws {
        let kit = try Fixture.minimal()
        // Lines: sheet 5, b 8, sheet 11, b 14, sheet 17, c 20.
        let more = ["b", "sheet", "b", "sheet", "c"].map { "\n  - id: \($0)\n    layout: handout\n    formats: [text]" }.joined()
        try kit.write("outreach.yml", MinimalKit.manifest + more + "\n")
        let repeats = await kit.problems().filter { $0.code == .duplicateMaterial }
        #expect(repeats.map(\.message) == ["duplicate material id 'sheet'", "duplicate material id 'b'", "duplicate material id 'sheet'"])
        #expect(repeats.map { $0.location?.description ?? "" } == ["outreach.yml:11:9", "outreach.yml:14:9", "outreach.yml:17:9"])
        #expect(repeats.map { $0.hint ?? "" } == ["first defined at outreach.yml:5:9", "first defined at outreach.yml:8:9",
                                                   "first defined at outreach.yml:5:9"])
    }

    @Test func twoMaterialsWritingOnePath() async throws {
        let kit = try Fixture.minimal()
        try kit.write("outreach.yml", MinimalKit.manifest + "\n  - id: other\n    layout: handout\n    formats: [text]\n    output: sheet.txt\n")
        await #expect(kit.problems().one(containing: "both write 'sheet.txt'")?.code == .outputPathConflict)
    }

    /// Every path is checked before anything is written, in a plan and in the streaming run alike,
    /// with the errors in the order of the outputs and the first material named as the owner.
    @Test func pathProblemsAreReportedInOrderByPlanAndRun() async throws {
        let kit = try Fixture.minimal()
        let extra = ["other: sheet.txt", "hidden: .outreach-x.txt", "third: sheet.txt", "fine: fine.txt"].map { item in
            let parts = item.split(separator: " ")
            return "\n  - id: \(parts[0].dropLast())\n    layout: handout\n    formats: [text]\n    output: \"\(parts[1])\""
        }
        try kit.write("outreach.yml", MinimalKit.manifest + extra.joined() + "\n")
        let expected = ["materials 'sheet' and 'other' both write 'sheet.txt'",
                        "output path '.outreach-x.txt' of material 'hidden' uses a name beginning '.outreach-', which outreach keeps for its own files",
                        "materials 'sheet' and 'third' both write 'sheet.txt'"]
        let planned = await kit.problems().map(\.message)
        #expect(planned == expected)
        let before = kit.outputTree(includingHidden: true)
        do {
            _ = try await Generator(environment: [:]).generate(manifest: kit.manifest, displayPath: "outreach.yml")
            Issue.record("expected the run to fail")
        } catch {
            #expect(error.diagnostics.map(\.message) == expected)
        }
        #expect(kit.outputTree(includingHidden: true) == before)
    }

    @Test func failedRunWritesNothingAndKeepsEarlierOutputs() async throws {
        let kit = try Fixture.minimal()
        try kit.write("out/sheet.md", "an earlier output\n")
        try kit.write("out/keep.txt", "not ours\n")
        try kit.edit("outreach.yml", replacing: "layout: fact-sheet", with: "layout: poster")
        _ = await kit.problems()
        #expect(try kit.read("out/sheet.md") == "an earlier output\n")
        #expect(try kit.read("out/keep.txt") == "not ours\n")
        #expect(!FileManager.default.fileExists(atPath: kit.url("out/sheet.html").path))
    }

    @Test func badSourceDateEpoch() async throws {
        let kit = try Fixture.minimal()
        let problem = await kit.problems(environment: ["SOURCE_DATE_EPOCH": "yesterday"]).one(containing: "SOURCE_DATE_EPOCH 'yesterday'")
        #expect(problem?.code == .invalidSourceDateEpoch)
        #expect(problem != nil)
    }

    @Test func brokenTemplateOverrideIsLocated() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "output: out", with: "output: out\ntemplates: templates")
        try kit.write("templates/text.mustache", "{{title}}\n\n{{#body}}\n{{{body}}}\n")
        let problem = await kit.problems().one(containing: "template syntax")
        #expect(problem?.code == .templateSyntax)
        #expect(problem?.location?.file == "templates/text.mustache")
        #expect((problem?.location?.line ?? 0) > 0)
    }

    @Test func unreadableTemplatesFolderPointsAtTheManifestKey() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "output: out", with: "output: out\ntemplates: no-such-folder")
        let problem = await kit.problems().one(containing: "no-such-folder")
        #expect(problem?.code == .templatesFolderUnreadable)
        // Found by its code, not its wording, and moved to where the manifest names the folder.
        #expect(problem?.location?.description == "outreach.yml:4:12")
    }
}
