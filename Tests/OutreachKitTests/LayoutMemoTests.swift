import Foundation
import Testing
@testable import OutreachKit

/// Blocks a run's layouts make once for many pages (``LayoutMemo``) must give every page the
/// document, and the log of texts used untranslated, it would have had on its own.
@Suite struct LayoutMemoTests {
    /// The example kit with some Spanish taken out: agency names, a contact's name and hours,
    /// the campaign's name (a variable in messages) and one message, so pages fall back to English;
    /// and agency profiles a second time, with another message about some of the agencies.
    static func planner() throws -> JobPlanner {
        var campaign = try ContentLoader(folder: Repository.example.appendingPathComponent("content"), displayPath: "content").load()
        for index in campaign.agencies.indices where index % 2 == 0 { campaign.agencies[index].name.values["es"] = nil }
        if !campaign.contacts.isEmpty {
            campaign.contacts[0].name.values["es"] = nil
            campaign.contacts[0].hours?.values["es"] = nil
        }
        campaign.name.values["es"] = nil
        if let spanish = campaign.messages.firstIndex(where: { $0.locale == "es" }) { campaign.messages.remove(at: spanish) }
        var manifest = try ManifestLoader().load(Repository.exampleManifest, displayPath: "outreach.yml")
        // A second set of agency profiles with other messages: the same agency's section differs between them.
        var profiles = try #require(manifest.materials.first { $0.layout == "agency-profile" })
        profiles.id = "relief-profiles"
        profiles.messages = ["immigration-relief"]
        profiles.output = "relief/{agency}.{ext}"
        manifest.materials.append(profiles)
        return JobPlanner(manifest: manifest, campaign: campaign, registry: .builtIn, layouts: .builtIn,
                          templates: .builtIn, date: nil, filters: GenerateFilters(), sink: DiagnosticSink())
    }

    @Test func pagesReadAndLogAsTheyWouldOnTheirOwn() throws {
        let pages = try Self.planner().pages().map(Page.init)
        #expect(pages.count > 20)
        var logged = 0
        // Twice over, the second time in reverse: every shared piece is then taken from the memo.
        for page in pages + pages.reversed() {
            var own = page.input
            own.memo = nil
            own.untranslated = page.untranslated == nil ? nil : UntranslatedTextLog()
            var memoized = page.input
            memoized.untranslated = page.untranslated == nil ? nil : UntranslatedTextLog()
            #expect(memoized.memo != nil)
            let expected = page.layout.document(for: own)
            let actual = page.layout.document(for: memoized)
            #expect(actual == expected, "\(page.path(at: 0))")
            #expect(memoized.untranslated?.recorded == own.untranslated?.recorded, "\(page.path(at: 0))")
            logged += own.untranslated?.recorded.count ?? 0
        }
        #expect(logged > 0, "no page used an untranslated text")
        let memo = try #require(pages.first?.context.layoutMemo)
        #expect(memo.count > 0 && memo.count < pages.count * 3)
    }

    /// Past its limit the memo starts over, and pages still read the same.
    @Test func theMemoIsBounded() throws {
        let pages = try Self.planner().pages().map(Page.init)
        let memo = LayoutMemo(sections: SectionInterner(), limit: 3)
        for page in pages {
            var own = page.input
            own.memo = nil
            var memoized = page.input
            memoized.memo = memo
            #expect(page.layout.document(for: memoized) == page.layout.document(for: own))
            #expect(memo.count <= 3)
        }
    }
}
