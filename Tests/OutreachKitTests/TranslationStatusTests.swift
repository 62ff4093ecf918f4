import Foundation
import Testing
@testable import OutreachKit

/// Translation parity: missing and stale translations per locale, and marking them current.
@Suite(.hangGuard) struct TranslationStatusTests {
    static func status(_ kit: Fixture) throws -> TranslationStatus {
        try TranslationStatus.load(manifest: kit.manifest, displayPath: "outreach.yml").0
    }

    @Test func theExampleKitsSpanishIsCompleteAndItsArabicPartial() throws {
        let status = try Self.status(try Fixture())
        #expect(status.source == "en")
        let spanish = status.entries.filter { $0.locale == "es" }
        #expect(spanish.count == 11 && spanish.allSatisfy { $0.state == "current" })
        let arabic = status.entries.filter { $0.locale == "ar" }
        #expect(arabic.filter { $0.state == "current" }.map(\.message) == ["recognize-the-signs"])
        #expect(arabic.filter { $0.state == "missing" }.count == 10)
        #expect(!status.isComplete)
    }

    @Test func editingTheSourceMakesItsTranslationStaleAndMarkingMakesItCurrent() throws {
        let kit = try Fixture()
        try kit.edit("content/messages/how-to-report.md", replacing: "You do not have to be sure.", with: "You need not be sure.")
        let stale = try Self.status(kit).entries.first { $0.message == "how-to-report" && $0.locale == "es" }
        #expect(stale?.state == "stale")
        #expect(stale?.file == "content/messages/how-to-report.es.md")

        let (status, folder, display) = try TranslationStatus.load(manifest: kit.manifest, displayPath: "outreach.yml")
        let changed = try TranslationMarker.mark(status, paths: ["content/messages/how-to-report.es.md"],
                                                 contentFolder: folder, contentDisplay: display)
        #expect(changed == ["content/messages/how-to-report.es.md"])
        let current = try Self.status(kit).entries.first { $0.message == "how-to-report" && $0.locale == "es" }
        #expect(current?.state == "current")
        #expect(try kit.read("content/messages/how-to-report.es.md").contains("translatedFrom: \(stale?.sourceDigest ?? "-")\n---\n"))
    }

    @Test func deletingATranslationShowsItMissing() throws {
        let kit = try Fixture()
        try FileManager.default.removeItem(at: kit.url("content/messages/recognize-the-signs.es.md"))
        let entry = try Self.status(kit).entries.first { $0.message == "recognize-the-signs" && $0.locale == "es" }
        #expect(entry?.state == "missing")
    }

    @Test func markingReplacesAnEarlierDigestAndRefusesFilesWithoutFrontMatter() {
        let marked = TranslationMarker.marking("---\ntitle: T\ntranslatedFrom: old\n---\nBody\n", digest: "new")
        #expect(marked == "---\ntitle: T\ntranslatedFrom: new\n---\nBody\n")
        #expect(TranslationMarker.marking("Body only\n", digest: "new") == nil)
    }

    @Test func theJSONReportCarriesTheTranslationTable() async throws {
        let kit = try Fixture()
        try kit.edit("content/messages/how-to-report.md", replacing: "You do not have to be sure.", with: "You need not be sure.")
        let run = try await CommandLineTests.run(["generate", "--report", "json"], in: kit.root)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let entries = try #require((report["translations"] as? [String: Any])?["entries"] as? [[String: Any]])
        let states = Dictionary(uniqueKeysWithValues: entries.compactMap { entry -> (String, String)? in
            guard entry["locale"] as? String == "es", let message = entry["message"] as? String,
                  let state = entry["state"] as? String else { return nil }
            return (message, state)
        })
        #expect(states["how-to-report"] == "stale")
        #expect(states["law-enforcement-training"] == "current")

        let table = try await CommandLineTests.run(["translations"], in: kit.root)
        #expect(table.status == 1)
        #expect(table.stdout.contains("es: 10 current, 1 stale, 0 unmarked, 0 missing (of 11 en messages)"))
        #expect(table.stdout.contains("ar: 1 current, 0 stale, 0 unmarked, 10 missing (of 11 en messages)"))
        #expect(table.stdout.contains("  stale    how-to-report  content/messages/how-to-report.es.md"))
    }
}
