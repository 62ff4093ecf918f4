import Foundation
import Testing
@testable import OutreachKit

@Suite(.hangGuard) struct GeneratorTests {
    @Test func examplePlanMakesEveryMaterialInEveryFormat() async throws {
        let plan = try await Fixture().plan()
        let sectors: [String] = ["law-enforcement", "transportation", "hospitality", "health-care", "education"].flatMap { sector in
            ["html", "md", "txt"].map { "sectors/\(sector)-signs.\($0)" }
        }
        let bothLanguages: [String] = [
            "government-roles.html", "government-roles.md", "government-roles.txt",
            "profiles/cbp.html", "profiles/fema.html", "profiles/fletc.html", "profiles/ice.html",
            "profiles/tsa.html", "profiles/uscg.html", "profiles/uscis.html",
            "recognize-and-report.html", "recognize-and-report.md", "recognize-and-report.txt",
            "text-messages.txt", "wallet-cards.html",
        ] + sectors
        let partners = ["example-city-coalition/partner-handout.en", "example-city-coalition/partner-handout.es",
                        "example-county-health/partner-handout.en"].flatMap { kit in ["html", "md", "txt"].map { "partners/\(kit).\($0)" } }
        let expected = bothLanguages.flatMap { ["es/" + $0, $0] } + ["recognize-and-report-large-print.html"] + partners
            + ["assets/partners/example-city-coalition.svg"]
        #expect(plan.outputs.map(\.path) == expected.sorted())
        #expect(plan.warnings.isEmpty)
    }

    /// `outreach validate` keeps a summary of each output, not its bytes: the same outputs, in the
    /// same order, with the same formats, materials, sizes and warnings as a plan.
    @Test func aSummaryListsTheSameOutputsAndSizesAsAPlan() async throws {
        let kit = try Fixture()
        let whole = try await kit.plan()
        let (light, outputs) = try await Generator(environment: [:]).summarize(manifest: kit.manifest, displayPath: "outreach.yml")
        #expect(outputs.map(\.path) == whole.outputs.map(\.path))
        #expect(outputs.map(\.size) == whole.outputs.map { $0.contents.count })
        #expect(outputs.map(\.format) == whole.outputs.map(\.format))
        #expect(outputs.map(\.material) == whole.outputs.map(\.material))
        #expect(light.outputs.isEmpty)
        #expect(light.warnings.map(\.message) == whole.warnings.map(\.message))
        #expect(light.outputDisplayPath == whole.outputDisplayPath)
    }

    @Test func filtersSelectMaterialsAndFormats() async throws {
        let plan = try await Fixture().plan(filters: GenerateFilters(materials: ["government-roles"], formats: ["text", "html"]))
        #expect(plan.outputs.map(\.path) == ["assets/partners/example-city-coalition.svg", "es/government-roles.html", "es/government-roles.txt",
                                              "government-roles.html", "government-roles.txt"])
    }

    @Test func unknownFilterNamesTheChoices() async throws {
        let kit = try Fixture()
        await #expect(throws: DiagnosticError.self) { try await kit.plan(filters: GenerateFilters(materials: ["poster"])) }
        do {
            _ = try await kit.plan(filters: GenerateFilters(materials: ["poster"]))
        } catch {
            #expect(error.diagnostics.one(containing: "unknown material 'poster'")?.hint?.contains("'government-roles'") == true)
        }
    }

    @Test func writesEverythingThenRewritesNothingWhenNothingChanged() async throws {
        let kit = try Fixture()
        let first = try await OutputWriter().write(kit.plan())
        #expect(first.allSatisfy { $0.1 == .written })
        let stamp = try FileManager.default.attributesOfItem(atPath: kit.url("out/government-roles.html").path)[.modificationDate] as? Date
        try await Task.sleep(for: .milliseconds(50))
        let second = try await OutputWriter().write(kit.plan())
        #expect(second.allSatisfy { $0.1 == .unchanged })
        let again = try FileManager.default.attributesOfItem(atPath: kit.url("out/government-roles.html").path)[.modificationDate] as? Date
        #expect(stamp == again)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: kit.output.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func changedContentRewritesOnlyWhatChanged() async throws {
        let kit = try Fixture()
        _ = try await OutputWriter().write(kit.plan())
        try kit.edit("content/messages/recognize-the-signs.md", replacing: "title: Recognize the signs", with: "title: Know the signs")
        let results = try await OutputWriter().write(kit.plan())
        let written = results.filter { $0.1 == .written }.map(\.0.path).sorted()
        let partnerKits = ["example-city-coalition", "example-county-health"].flatMap { partner in
            ["html", "md", "txt"].map { "partners/\(partner)/partner-handout.en.\($0)" }
        }
        #expect(written == (partnerKits + ["recognize-and-report-large-print.html", "recognize-and-report.html", "recognize-and-report.md",
                            "recognize-and-report.txt", "text-messages.txt", "wallet-cards.html"]).sorted())
    }

    @Test func outputIsDeterministic() async throws {
        let first = try Fixture(), second = try Fixture()
        _ = try await OutputWriter().write(first.plan())
        _ = try await OutputWriter().write(second.plan())
        #expect(first.outputTree() == second.outputTree())
        #expect(first.outputTree().count == 71)
    }

    @Test func datesComeOnlyFromTheManifestOrSourceDateEpoch() async throws {
        let kit = try Fixture()
        let undated = try await kit.plan().outputs.map { String(decoding: $0.contents, as: UTF8.self) }
        #expect(!undated.contains { $0.contains("2024-03-09") })
        let builtIn: Set<String> = ["markdown", "text", "html"]
        let dated = try await kit.plan(environment: ["SOURCE_DATE_EPOCH": "1710000000"]).outputs.filter { builtIn.contains($0.format) }
        // Markdown front matter and the HTML datetime carry the ISO date; text pages print it as their locale writes it.
        func shows(_ iso: String, _ english: String, _ spanish: String) -> (PlannedOutput) -> Bool {
            { output in
                let text = String(decoding: output.contents, as: UTF8.self)
                guard output.format == "text" else { return text.contains(iso) }
                let inSpanish = output.path.hasPrefix("es/") || output.path.contains(".es.")
                return text.contains(inSpanish ? spanish : english)
            }
        }
        #expect(dated.allSatisfy(shows("2024-03-09", "March 9, 2024", "9 de marzo de 2024")))
        try kit.edit("outreach.yml", replacing: "version: 1", with: "version: 1\ndate: 2025-01-31")
        let fromManifest = try await kit.plan(environment: ["SOURCE_DATE_EPOCH": "1710000000"]).outputs.filter { builtIn.contains($0.format) }
        #expect(fromManifest.allSatisfy(shows("2025-01-31", "January 31, 2025", "31 de enero de 2025")))
    }

    @Test func writerRefusesASymbolicLinkOutOfTheOutputFolder() async throws {
        let kit = try Fixture()
        let outside = try Fixture(copyingExample: false)
        try FileManager.default.createDirectory(at: kit.output, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: kit.url("out/profiles"), withDestinationURL: outside.root)
        await #expect(throws: DiagnosticError.self) { try await OutputWriter().write(kit.plan()) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.root.path).isEmpty)
    }

    @Test func perMaterialOptionsOverrideDefaults() async throws {
        let kit = try Fixture()
        try kit.edit("outreach.yml", replacing: "    messages: [recognize-the-signs, how-to-report]",
                     with: "    messages: [recognize-the-signs, how-to-report]\n    options: { textWidth: 40, paper: a4 }")
        let outputs = try await kit.plan().outputs
        let text = try #require(outputs.first { $0.path == "recognize-and-report.txt" })
        let lines = String(decoding: text.contents, as: UTF8.self).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 40 || !$0.contains(" ") })
        let html = try #require(outputs.first { $0.path == "recognize-and-report.html" })
        #expect(String(decoding: html.contents, as: UTF8.self).contains("A4"))
    }
}
