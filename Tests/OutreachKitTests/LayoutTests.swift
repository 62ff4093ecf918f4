import Foundation
import Testing
@testable import OutreachKit

/// The example kit's documents, checked for what outreach materials must say.
@Suite struct LayoutTests {
    static func documents() throws -> [String: Document] {
        let campaign = try ContentLoader(folder: Repository.example.appendingPathComponent("content"), displayPath: "content").load()
        let manifest = try ManifestLoader().load(Repository.exampleManifest, displayPath: "outreach.yml")
        var documents: [String: Document] = [:]
        let planner = JobPlanner(manifest: manifest, campaign: campaign, registry: .builtIn, layouts: .builtIn,
                                 templates: .builtIn, date: nil, filters: GenerateFilters(), sink: DiagnosticSink())
        for job in planner.jobs() { documents[job.path] = job.document }
        return documents
    }

    static func text(_ blocks: [Block]) -> String {
        blocks.map { block -> String in
            switch block {
            case .heading(_, let content), .paragraph(let content): return content.plainText
            case .list(_, let items): return items.map(text).joined(separator: "\n")
            case .quote(let inner): return text(inner)
            case .code(let code): return code
            case .table(let header, let rows): return (header + rows.flatMap { $0 }).map(\.plainText).joined(separator: " ")
            case .callout(let callout): return (callout.title ?? "") + text(callout.blocks)
            case .contactCard(let card):
                return ([card.name] + card.entries.map { "\($0.label) \($0.value)" } + card.notes.map(\.plainText)).joined(separator: "\n")
            case .factList(let facts): return facts.map { "\($0.figure) \($0.label.plainText)" }.joined(separator: "\n")
            case .thematicBreak: return ""
            case .section(let section): return text(section.blocks)
            }
        }.joined(separator: "\n")
    }

    @Test func factSheetHasASectionForEachAgencyAndEveryTaskForceMember() async throws {
        let sheet = try #require(try Self.documents()["government-roles.html"])
        let headings = sheet.blocks.expandingSections().compactMap { block -> String? in
            if case .heading(2, let content) = block { return content.plainText }
            return nil
        }
        for name in ["(ICE)", "(USCIS)", "(FLETC)", "(CBP)", "Coast Guard", "(TSA)", "(FEMA)", "(PITF)", "Who to contact"] {
            #expect(headings.contains { $0.contains(name) }, "no section for \(name)")
        }
        let body = Self.text(sheet.blocks)
        for member in ["Department of State", "Department of Labor", "Office of Management and Budget", "National Security Staff",
                       "Director of National Intelligence", "Domestic Policy Council", "Federal Bureau of Investigation",
                       "Agency for International Development", "Equal Employment Opportunity Commission"] {
            #expect(body.contains(member), "PITF member \(member) missing")
        }
        for figure in ["42,000", "7,000", "327"] { #expect(body.contains(figure)) }
        #expect(body.contains("T nonimmigrant status") && body.contains("U nonimmigrant status"))
    }

    @Test func handoutSaysTheHotlineIsRunByANonGovernmentalOrganization() async throws {
        let handout = try #require(try Self.documents()["recognize-and-report.txt"])
        let cards = handout.blocks.expandingSections().compactMap { block -> ContactCard? in
            if case .contactCard(let card) = block { return card }
            return nil
        }
        let hotline = try #require(cards.first { $0.name.contains("National Human Trafficking Hotline") })
        #expect(hotline.entries.contains { $0.value == "1-888-373-7888" && $0.url == "tel:+18883737888" })
        #expect(hotline.entries.contains { $0.value.contains("233733") })
        #expect(hotline.notes.map(\.plainText).joined().contains("non-governmental organization"))
        #expect(cards.contains { $0.name.contains("Tip Line") })
    }

    @Test func materialsAvoidClickHereAndTheOtherCampaignsSlogan() async throws {
        for (path, document) in try Self.documents() {
            let text = Self.text(document.blocks).lowercased()
            #expect(!text.contains("click here"), "\(path)")
            #expect(!text.contains("see something, say something"), "\(path)")
        }
    }

    @Test func eachSectorHasAHandoutOfItsOwnSignsInEnglishAndSpanish() async throws {
        let documents = try Self.documents()
        let languages = [(folder: "", locale: "en", caveat: "One sign on its own does not prove", noConfronting: "Do not confront"),
                         (folder: "es/", locale: "es", caveat: "Una sola señal no demuestra", noConfronting: "No se enfrente")]
        for sector in ["law-enforcement", "transportation", "hospitality", "health-care", "education"] {
            for language in languages {
                let path = "\(language.folder)sectors/\(sector)-signs.html"
                let handout = try #require(documents[path], "no handout \(path)")
                #expect(handout.metadata.layout == "handout" && handout.metadata.pageBudget == 1, "\(path)")
                #expect(handout.metadata.audience != nil, "\(path) names its audience")
                let messages = handout.placedMessages.map(\.message)
                #expect(messages.map(\.id) == ["signs-\(sector)"], "\(path)")
                #expect(messages.allSatisfy { $0.audiences == [sector] && $0.locale == language.locale }, "\(path)")
                #expect(handout.reportingContactCards.map(\.id) == ["hotline", "ice-tip-line"], "\(path)")
                let text = Self.text(handout.blocks)
                #expect(text.contains(language.caveat), "\(path) carries the indicator caveat")
                #expect(text.contains("911"), "\(path)")
                // Officers follow their agency's procedures; everyone else is told not to confront anyone.
                #expect(sector == "law-enforcement" || text.contains(language.noConfronting), "\(path)")
                // The content variables are filled in with the contacts' numbers.
                #expect(text.contains("1-866-347-2423") && text.contains("1-888-373-7888") && !text.contains("{{"), "\(path)")
                let confronting = text.lowercased().components(separatedBy: "confront").dropFirst().count
                let warnedAgainst = text.lowercased().components(separatedBy: "not confront").dropFirst().count
                #expect(confronting == warnedAgainst, "\(path) never advises confronting anyone")
            }
        }
    }

    @Test func oneProfilePerDHSComponent() async throws {
        let profiles = try Self.documents().keys.filter { $0.hasPrefix("profiles/") }.sorted()
        #expect(profiles == ["cbp", "fema", "fletc", "ice", "tsa", "uscg", "uscis"].map { "profiles/\($0).html" })
        let cbp = try #require(try Self.documents()["profiles/cbp.html"])
        #expect(cbp.metadata.title == "U.S. Customs and Border Protection (CBP)")
        #expect(cbp.blocks.expandingSections().contains { if case .factList(let facts) = $0 { return facts.count == 3 } else { return false } })
    }

    @Test func telephoneAddresses() async {
        #expect(TelephoneAddress.url(for: "1-888-373-7888") == "tel:+18883737888")
        #expect(TelephoneAddress.url(for: "802-872-6199") == "tel:+18028726199")
        #expect(TelephoneAddress.url(for: "(802) 872-6199") == "tel:+18028726199")
        #expect(TelephoneAddress.url(for: "711") == "tel:711")
        #expect(TelephoneAddress.url(for: "+44 20 7946 0000") == "tel:+442079460000")
        // A card value is linked only when it is a phone number, by the same rule.
        #expect(TelephoneAddress.url(ifPhoneNumber: " 802-872-6199 ") == "tel:+18028726199")
        #expect(TelephoneAddress.url(ifPhoneNumber: "1-866-DHS-2-ICE") == nil)
        #expect(TelephoneAddress.url(ifPhoneNumber: "233733") == nil)
    }
}
