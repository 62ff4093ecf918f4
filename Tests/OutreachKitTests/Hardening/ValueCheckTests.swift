import Foundation
import Testing
@testable import OutreachKit

/// Values that look right but are not: language tags, dates, format names.
@Suite(.hangGuard) struct ValueCheckTests {
    @Test func localesAreBCP47LanguageTags() async throws {
        for good in ["en", "es-419", "zh-Hant-TW", "sl-rozaj-biske", "de-CH-x-phonebk", "x-private", "en-US-u-ca-gregory"] {
            #expect(LanguageTag.isWellFormed(good), "\(good)")
        }
        for bad in ["", "english", "e", "en_US", "en-", "-en", "en--US", "en-US-u", "123", "en-ÉS", "en US"] {
            #expect(!LanguageTag.isWellFormed(bad), "\(bad)")
        }
        let kit = try Fixture.minimal()
        try kit.edit("content/campaign.yml", replacing: "locale: en", with: "locale: english\nlocales: [english, es_MX]")
        let problems = await kit.problems().filter { $0.code == .invalidLocaleTag }
        #expect(problems.map { $0.location?.description ?? "" } == ["content/campaign.yml:3:9", "content/campaign.yml:4:11", "content/campaign.yml:4:20"])
    }

    @Test func impossibleDatesAreRefused() async throws {
        #expect(isISODate("2026-02-28") && isISODate("2024-02-29") && isISODate("2000-02-29") && isISODate("2026-12-31"))
        for bad in ["2026-02-31", "2025-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00"] {
            #expect(!isISODate(bad), "\(bad)")
        }
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "output: out", with: "output: out\ndate: 2026-02-31")
        let problem = await kit.problems().one(containing: "2026-02-31")
        #expect(problem?.code == .malformedDate)
        #expect(problem?.location?.description == "outreach.yml:4:7")
    }

    @Test func twoTemplateFormatsOfOneNameAreAnErrorNamingBoth() async throws {
        let kit = try Fixture.minimal()
        let descriptor = "name: twin\nextension: txt\nmediaType: text/plain\nsummary: s\nbase: text\n"
        try kit.write("formats/one/format.yml", descriptor)
        try kit.write("formats/one/page.mustache", "{{{body}}}")
        try kit.write("more/two/format.yml", descriptor)
        try kit.write("more/two/page.mustache", "{{{body}}}")
        try kit.edit("outreach.yml", replacing: "materials:", with: "formats:\n  - folder: formats\n  - folder: more\nmaterials:")
        let problem = await kit.problems().one(containing: "twin")
        #expect(problem?.code == .formatNameTaken)
        #expect(problem?.location?.description == "more/two/format.yml:1:7")
        #expect(problem?.message.contains("formats/one/format.yml") == true, "\(problem?.message ?? "")")
    }

    @Test func anExternalFormatCannotTakeABuiltInName() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "materials:", with: "formats:\n  - name: html\n    command: [/bin/true]\nmaterials:")
        let problem = await kit.problems().one(containing: "external format 'html'")
        #expect(problem?.code == .formatNameTaken)
        #expect(problem?.location?.file == "outreach.yml")
        #expect(problem?.location?.line == 5)
    }

    @Test func aDiagnosticReachedTwiceIsReportedOnce() {
        let sink = DiagnosticSink()
        let problem = Diagnostic.error(.unknownKey, "unknown key 'x'", at: SourceLocation(file: "outreach.yml", line: 1, column: 1))
        sink.report(problem)
        sink.report(problem)
        sink.report(.error(.unknownKey, "unknown key 'x'", at: SourceLocation(file: "outreach.yml", line: 2, column: 1)))
        #expect(sink.diagnostics.count == 2)
    }
}
