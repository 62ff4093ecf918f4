import Foundation
import Testing
@testable import OutreachKit

/// Every kind of bad content gets a located error that quotes the value.
@Suite(.hangGuard) struct BadContentTests {
    @Test func minimalKitIsValid() async throws {
        let plan = try await Fixture.minimal().plan()
        #expect(plan.outputs.map(\.path) == ["sheet.html", "sheet.md", "sheet.txt"])
    }

    @Test func yamlSyntaxError() async throws {
        let kit = try Fixture.minimal()
        try kit.write("content/agencies.yml", "- id: ice\n  name: [unclosed\n")
        let problem = await kit.problems().one(containing: "YAML syntax")
        #expect(problem?.code == .yamlSyntax)
        #expect(problem?.location?.file == "content/agencies.yml")
        #expect(problem?.location?.line == 3)
    }

    @Test func unknownKeyNamesTheValidKeys() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/agencies.yml", replacing: "  acronym: ICE", with: "  acronim: ICE")
        let problem = await kit.problems().one(containing: "unknown key 'acronim'")
        #expect(problem?.code == .unknownKey)
        #expect(problem?.location?.description == "content/agencies.yml:3:3")
        #expect(problem?.hint?.contains("did you mean 'acronym'?") == true)
        #expect(problem?.hint?.contains("'learnMore'") == true)
    }

    @Test func missingRequiredField() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/agencies.yml", replacing: "\n  role: Investigates trafficking.", with: "")
        let problem = await kit.problems().one(containing: "missing required key 'role'")
        #expect(problem?.code == .missingKey)
        #expect(problem?.location?.description == "content/agencies.yml:1:3")
    }

    @Test func wrongType() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/contacts.yml", replacing: "  phone: 1-888-373-7888", with: "  phone: [1, 2]")
        let problem = await kit.problems().one(containing: "'phone' must be a single value, not a list")
        #expect(problem?.code == .wrongType)
        #expect(problem?.location?.description == "content/contacts.yml:3:10")
    }

    @Test func unknownChoiceNamesTheChoices() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/agencies.yml", replacing: "kind: dhs-component", with: "kind: bureau")
        let problem = await kit.problems().one(containing: "unknown kind 'bureau'")
        #expect(problem?.code == .unknownChoice)
        #expect(problem?.location?.description == "content/agencies.yml:4:9")
        #expect(problem?.hint?.contains("'dhs-component'") == true)
    }

    @Test func duplicateIDPointsAtBoth() async throws {
        let kit = try Fixture.minimal()
        try kit.write("content/agencies.yml", MinimalKit.agencies + "\n" + MinimalKit.agencies)
        let problem = await kit.problems().one(containing: "duplicate agency id 'ice'")
        #expect(problem?.code == .duplicateID)
        #expect(problem?.location?.description == "content/agencies.yml:6:7")
        #expect(problem?.hint == "first defined at content/agencies.yml:1:7")
    }

    @Test func danglingReferenceSuggestsTheNearestID() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/campaign.yml", replacing: "reportingContacts: [hotline]", with: "reportingContacts: [hotlne]")
        let problem = await kit.problems().one(containing: "unknown contact 'hotlne'")
        #expect(problem?.code == .unknownReference)
        #expect(problem?.location?.description == "content/campaign.yml:7:21")
        #expect(problem?.hint?.contains("did you mean 'hotline'?") == true)
    }

    @Test func danglingReferenceInMessageFrontMatter() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/messages/signs.md", replacing: "audiences: [public]", with: "audiences: [pubic]")
        let problem = await kit.problems().one(containing: "unknown audience 'pubic'")
        #expect(problem?.code == .unknownReference)
        // Line 3 of the file: the front matter starts after the opening '---'.
        #expect(problem?.location?.description == "content/messages/signs.md:3:13")
    }

    @Test func malformedURL() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/contacts.yml", replacing: "url: https://example.org", with: "url: example dot org")
        let problem = await kit.problems().one(containing: "malformed URL 'example dot org'")
        #expect(problem?.code == .malformedURL)
        #expect(problem?.location?.description == "content/contacts.yml:4:8")
    }

    @Test func malformedPhoneNumber() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/contacts.yml", replacing: "phone: 1-888-373-7888", with: "phone: call us")
        let problem = await kit.problems().one(containing: "malformed phone number 'call us'")
        #expect(problem?.code == .malformedPhone)
        #expect(problem?.location?.description == "content/contacts.yml:3:10")
    }

    @Test func messageWithoutFrontMatter() async throws {
        let kit = try Fixture.minimal()
        try kit.write("content/messages/signs.md", "Just a body.\n")
        let problem = await kit.problems().one(containing: "must start with YAML front matter")
        #expect(problem?.code == .frontMatterMissing)
        #expect(problem?.location?.description == "content/messages/signs.md:1:1")
    }

    @Test func missingContentFolder() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "content: content", with: "content: contnet")
        let problems = await kit.problems()
        let problem = problems.one(containing: "content folder 'contnet' does not exist")
        #expect(problem?.code == .contentFolderMissing)
        // Located where the manifest names the folder, with no cascade of missing files.
        #expect(problem?.location?.description == "outreach.yml:2:10")
        #expect(problems.count == 1, "\(problems)")
    }

    @Test func aFileWhereAFolderBelongsAndAFolderWhereAFileBelongs() async throws {
        let kit = try Fixture.minimal()
        try kit.write("notes.txt", "not a folder\n")
        try kit.edit("outreach.yml", replacing: "content: content", with: "content: notes.txt")
        let problems = await kit.problems()
        #expect(problems.map(\.code) == [.contentFolderMissing])
        #expect(problems.first?.message.contains("is a file, not a folder") == true)
        #expect(problems.first?.location?.description == "outreach.yml:2:10")

        let swapped = try Fixture.minimal()
        try FileManager.default.removeItem(at: swapped.url("content/contacts.yml"))
        try FileManager.default.createDirectory(at: swapped.url("content/contacts.yml"), withIntermediateDirectories: true)
        let folder = await swapped.problems().one(containing: "is a folder, not a file")
        #expect(folder?.code == .contentFileMissing)
        #expect(folder?.location?.file == "content/contacts.yml")
    }

    @Test func missingContentFile() async throws {
        let kit = try Fixture.minimal()
        try FileManager.default.removeItem(at: kit.url("content/contacts.yml"))
        let problem = await kit.problems().one(containing: "missing content file 'contacts.yml'")
        #expect(problem?.code == .contentFileMissing)
        #expect(problem?.location?.file == "content/contacts.yml")
    }

    @Test func everyProblemIsReportedNotJustTheFirst() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/agencies.yml", replacing: "kind: dhs-component", with: "kind: bureau")
        try kit.edit("content/contacts.yml", replacing: "phone: 1-888-373-7888", with: "phone: call us")
        try kit.edit("outreach.yml", replacing: "layout: fact-sheet", with: "layout: poster")
        let problems = await kit.problems()
        #expect(problems.count == 3)
        #expect(problems.allSatisfy { $0.severity == .error && $0.location != nil })
    }
}
