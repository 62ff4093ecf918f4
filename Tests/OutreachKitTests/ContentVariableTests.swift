import Foundation
import Testing
@testable import OutreachKit

/// Content variables: each phone number typed once, in contacts.yml.
@Suite(.hangGuard) struct ContentVariableTests {
    @Test func changingTheHotlineNumberChangesEveryOutputThatShowsIt() async throws {
        let kit = try Fixture()
        let before = try await kit.plan().outputs
        let showing = before.filter { String(decoding: $0.contents, as: UTF8.self).contains("1-888-373-7888") }
        // The handouts, their Spanish versions, the text messages and the wallet cards all show it.
        #expect(Set(showing.map(\.path)).isSuperset(of: [
            "recognize-and-report.md", "recognize-and-report.txt", "recognize-and-report.html", "es/recognize-and-report.md",
            "text-messages.txt", "es/text-messages.txt", "wallet-cards.html", "es/wallet-cards.html", "government-roles.html",
        ]))
        try kit.edit("content/contacts.yml", replacing: "phone: \"1-888-373-7888\"", with: "phone: \"1-888-555-0100\"")
        let after = try await kit.plan().outputs
        for output in after {
            let text = String(decoding: output.contents, as: UTF8.self)
            #expect(!text.contains("1-888-373-7888"), "\(output.path) still shows the old number")
            if showing.contains(where: { $0.path == output.path }) {
                #expect(text.contains("1-888-555-0100"), "\(output.path) lacks the new number")
            }
        }
        let sms = String(decoding: try #require(after.first { $0.path == "text-messages.txt" }).contents, as: UTF8.self)
        #expect(sms.contains("call 1-888-555-0100 or text HELP to 233733."))
    }

    @Test func anUnknownVariableIsALocatedError() async throws {
        let kit = try Fixture.minimal()
        try kit.write("content/messages/signs.md", "---\ntitle: Signs\naudiences: [public]\n---\nCall {{contact.hotline.fone}} now.\n")
        let problem = await kit.problems().one(containing: "unknown content variable '{{contact.hotline.fone}}'")
        #expect(problem?.code == .unknownVariable)
        #expect(problem?.location?.description == "content/messages/signs.md:5:6")
    }

    @Test func aVariableNamingNoContactIsAnUnknownReference() async throws {
        let kit = try Fixture.minimal()
        try kit.write("content/messages/signs.md", "---\ntitle: Signs\naudiences: [public]\n---\nCall {{contact.hotlin.phone}} now.\n")
        let problem = await kit.problems().one(containing: "unknown contact 'hotlin'")
        #expect(problem?.code == .unknownReference)
        #expect(problem?.location?.description == "content/messages/signs.md:5:6")
        #expect(problem?.hint?.contains("did you mean 'hotline'?") == true)
    }

    @Test func variablesAreResolvedIntoTheDocument() async throws {
        let kit = try Fixture.minimal()
        try kit.write("content/messages/signs.md", "---\ntitle: Call {{contact.hotline.phone}}\nshort: Dial {{contact.hotline.phone}}\naudiences: [public]\n---\nSee {{contact.hotline.url}} from {{campaign.name}}.\n")
        let outputs = try await kit.plan().outputs
        let markdown = String(decoding: try #require(outputs.first { $0.path == "sheet.md" }).contents, as: UTF8.self)
        #expect(markdown.contains("## Call 1-888-373-7888"))
        #expect(markdown.contains("See example.org from Test Campaign."))
        #expect(!markdown.contains("{{"))
    }
}
