import Foundation
import Testing
@testable import OutreachKit

/// Inputs that used to get a wrong, unlocated or cascading answer.
@Suite(.hangGuard) struct BetterAnswerTests {
    @Test func windowsLineEndingsAreAcceptedEverywhere() async throws {
        let kit = try Fixture.minimal()
        func crlf(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n" }
        try kit.write("outreach.yml", crlf(MinimalKit.manifest))
        try kit.write("content/campaign.yml", crlf(MinimalKit.campaign))
        try kit.write("content/agencies.yml", crlf(MinimalKit.agencies))
        try kit.write("content/messages/signs.md", crlf(MinimalKit.message + "\n\nA second paragraph."))
        let plan = try await kit.plan()
        let markdown = try #require(plan.outputs.first { $0.path == "sheet.md" })
        let text = String(decoding: markdown.contents, as: UTF8.self)
        #expect(text.contains("Body text.\n\nA second paragraph."))
        #expect(!text.contains("\r"))
    }

    @Test func invalidUTF8IsLocatedAtTheFirstBadByte() async throws {
        let kit = try Fixture.minimal()
        var bytes = Data("---\ntitle: Signs\naudiences: [public]\n---\nCaf".utf8)
        bytes.append(0xE9) // Latin-1 é
        bytes.append(contentsOf: Data(" au lait.\n".utf8))
        try bytes.write(to: kit.url("content/messages/signs.md"))
        let problem = await kit.problems().one(containing: "UTF-8")
        #expect(problem?.code == .invalidUTF8)
        #expect(problem?.location?.description == "content/messages/signs.md:5:4")
    }

    @Test func nulAndEscapeAreLocatedInEveryInputFile() async throws {
        for (file, text, location) in [
            ("outreach.yml", MinimalKit.manifest.replacingOccurrences(of: "id: sheet", with: "id: sh\u{0}eet"), "outreach.yml:5:11"),
            ("content/agencies.yml", MinimalKit.agencies.replacingOccurrences(of: "acronym: ICE", with: "acronym: I\u{1B}[2JCE"), "content/agencies.yml:3:13"),
        ] {
            let kit = try Fixture.minimal()
            try kit.write(file, text)
            let problem = await kit.problems().one(containing: "control character")
            #expect(problem?.code == .controlCharacter)
            #expect(problem?.location?.description == location)
            #expect(problem?.message.contains("\u{1B}") == false && problem?.message.contains("\u{0}") == false)
        }
    }

    @Test func aControlCharacterSpelledAsAYAMLEscapeIsRefusedAtItsValue() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/agencies.yml", replacing: "acronym: ICE", with: "acronym: \"I\\e]0;pwned\\aCE\"")
        let problem = await kit.problems().one(containing: "control character")
        #expect(problem?.code == .controlCharacter)
        #expect(problem?.location?.description == "content/agencies.yml:3:12")
    }

    @Test func duplicateKeyPointsAtTheDuplicateWithoutQuotingTheFile() async throws {
        let kit = try Fixture.minimal()
        try kit.write("content/agencies.yml", MinimalKit.agencies + "\n  acronym: ICE2\n")
        let problem = await kit.problems().one(containing: "duplicate key")
        #expect(problem?.code == .duplicateKey)
        #expect(problem?.location?.description == "content/agencies.yml:6:3")
        #expect(problem?.message.contains("Investigates") == false, "the message quotes the file: \(problem?.message ?? "")")
        #expect(problem?.message.contains("first written at line 3") == true)
    }

    @Test func templateCyclesAreFoundAtLoadWithTheChain() throws {
        let descriptor = TemplateFormatTests.descriptor(extra: "template: page.mustache")
        let selfInclude = TemplateFormatTests.problems(["format.yml": descriptor, "page.mustache": "top\n{{> page}}\n"])
        #expect(selfInclude.map(\.code) == [.templateCycle])
        #expect(selfInclude.first?.location?.description == "formats/test/page.mustache:2:1")

        let mutual = TemplateFormatTests.problems([
            "format.yml": descriptor, "page.mustache": "{{> a}}", "a.mustache": "x {{> b}}", "b.mustache": "\n\n  {{> a}}",
        ])
        #expect(mutual.map(\.code) == [.templateCycle])
        #expect(mutual.first?.message.contains("a -> b -> a") == true, "\(mutual.first?.message ?? "")")
        #expect(mutual.first?.location?.description == "formats/test/b.mustache:3:3")

        // Shared includes without a cycle are fine.
        let diamond = try TemplateFormatTests.load([
            "format.yml": descriptor, "page.mustache": "{{> a}}{{> b}}", "a.mustache": "{{> c}}", "b.mustache": "{{> c}}", "c.mustache": "c",
        ])
        #expect(diamond.format.name == "test")
    }

    @Test func aPageTemplateOverrideThatIncludesItsOwnNameIsACycle() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "output: out", with: "output: out\ntemplates: templates")
        try kit.write("templates/text.mustache", "{{title}}\n{{> text}}\n")
        let problem = await kit.problems().one(containing: "includes itself")
        #expect(problem?.code == .templateCycle)
        #expect(problem?.location?.description == "templates/text.mustache:2:1")
    }

    @Test func outputsCanNeverTakeOutreachsOwnNames() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "formats: [markdown, text, html]", with: "formats: [markdown]\n    output: .outreach-cache.json")
        let problem = await kit.problems().one(containing: "which outreach keeps for its own files")
        #expect(problem?.code == .reservedOutputName)
        #expect(problem?.location?.file == "outreach.yml")
        #expect(problem?.location?.line == 8)
    }

    @Test func pluginBase64IsDecodedStrictly() throws {
        func response(_ content: String) -> ExternalFormatResponse? {
            let json = #"{"protocolVersion":"1.1","files":[{"encoding":"base64","content":"\#(content)"}]}"#
            return try? ExternalFormatResponseReader.decode(ExternalFormatResponse.self, from: Data(json.utf8))
        }
        let good = try #require(response("aGVsbG8K"))
        #expect(try ExternalFormat.rendered(from: good, label: "p", stderrTail: nil).files.first?.contents == Data("hello\n".utf8))
        for bad in ["aGVs bG8K", "aGVsbG8K!!", "aGVsbG8", "a#GVsbG8K"] {
            let decoded = try #require(response(bad))
            #expect(throws: ExternalFormatFailure.self, "\(bad)") { try ExternalFormat.rendered(from: decoded, label: "p", stderrTail: nil) }
        }
    }
}
