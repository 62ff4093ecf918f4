import Foundation
import Testing
@testable import OutreachKit

/// `content/partners.yml` and `each: partner`: one kit per local partner, its contacts
/// next to the campaign's first reporting contact, its logo an asset with alt text.
@Suite(.hangGuard) struct PartnerTests {
    typealias CLI = CommandLineTests

    static let logo = #"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"# + "\n"

    /// The minimal kit with two locales, two partners (one English only, one without a logo)
    /// and a material that fans out over them.
    static func kit() throws -> Fixture {
        let kit = try Fixture.minimal()
        try kit.write("content/campaign.yml", """
            name: {en: Test Campaign, es: Campaña de prueba}
            summary: A test campaign.
            locale: en
            locales: [en, es]
            audiences:
              - id: public
                name: {en: Public, es: Público}
            reportingContacts: [hotline, tips]
            """)
        try kit.write("content/contacts.yml", """
            - id: hotline
              name: {en: Hotline, es: Línea}
              phone: 1-888-373-7888
              url: https://example.org
            - id: tips
              name: {en: Tip line, es: Avisos}
              phone: 1-866-347-2423
            - id: city-line
              name: {en: City help line, es: Línea de la ciudad}
              phone: 1-202-555-0142
            - id: county-line
              name: County line
              phone: 1-202-555-0187
            """)
        try kit.write("content/messages/signs.es.md", "---\ntitle: Señales\naudiences: [public]\ntopics: [indicators]\n---\nTexto.\n")
        try kit.write("content/partners.yml", """
            - id: city
              name: {en: City Coalition, es: Coalición de la Ciudad}
              contacts: [city-line]
              logo:
                src: assets/partners/city.svg
                alt: {en: City Coalition logo, es: Logotipo de la Coalición}
            - id: county
              name: County Health
              locales: [en]
              contacts: [county-line]
            """)
        try FileManager.default.createDirectory(at: kit.url("assets/partners"), withIntermediateDirectories: true)
        try kit.write("assets/partners/city.svg", Self.logo)
        try kit.write("outreach.yml", """
            version: 1
            content: content
            output: out
            assets: assets
            materials:
              - id: sheet
                layout: fact-sheet
                formats: [markdown, text, html]
              - id: kit
                layout: handout
                each: partner
                locales: [en, es]
                formats: [markdown, text, html]

            """)
        return kit
    }

    @Test func eachPartnerGetsAKitInItsLocales() async throws {
        let kit = try Self.kit()
        let run = try await CLI.run(["generate"], in: kit.root)
        #expect(run.status == 0, "\(run.stderr)")
        let made = try FileManager.default.subpathsOfDirectory(atPath: kit.url("out").path).filter { $0.contains("kit.") }.sorted()
        // The default pattern puts each partner's kit in a folder of its own; the county partner is English only.
        #expect(made == ["es/partners/city/kit.html", "es/partners/city/kit.md", "es/partners/city/kit.txt",
                         "partners/city/kit.html", "partners/city/kit.md", "partners/city/kit.txt",
                         "partners/county/kit.html", "partners/county/kit.md", "partners/county/kit.txt"], "\(made)")

        // The partner's line stands right after the campaign's first reporting contact.
        let text = try String(contentsOf: kit.url("out/partners/city/kit.txt"), encoding: .utf8)
        let order = ["Hotline", "City help line", "Tip line"].map { text.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order[0]! < order[1]! && order[1]! < order[2]!, "\(text)")
        #expect(text.contains("Distributed by City Coalition"))
        #expect(!text.contains("County"))

        // The logo is an image relative to each file, with the locale's alt text, in HTML and Markdown.
        let html = try String(contentsOf: kit.url("out/es/partners/city/kit.html"), encoding: .utf8)
        #expect(html.contains(#"<img class="partner-logo" src="../../../assets/partners/city.svg" alt="Logotipo de la Coalición">"#), "\(html)")
        #expect(html.contains("Distribuido por: Coalición de la Ciudad"))
        let markdown = try String(contentsOf: kit.url("out/partners/city/kit.md"), encoding: .utf8)
        #expect(markdown.contains("partner: \"City Coalition\"\n"))
        #expect(markdown.contains("![City Coalition logo](../../assets/partners/city.svg) Distributed by City Coalition\n"), "\(markdown)")
        let county = try String(contentsOf: kit.url("out/partners/county/kit.html"), encoding: .utf8)
        #expect(county.contains("Distributed by County Health") && !county.contains("<img"))

        // The logo is an asset: --check knows it and the kits.
        let check = try await CLI.run(["generate", "--check"], in: kit.root)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func thePartnerPlaceholderAndAListOfPartners() async throws {
        let kit = try Self.kit()
        try kit.edit("outreach.yml", replacing: "    each: partner\n", with: "    each: partner\n    partners: [county]\n    output: \"{partner}/{locale}/{material}.{ext}\"\n")
        let run = try await CLI.run(["generate"], in: kit.root)
        #expect(run.status == 0, "\(run.stderr)")
        let made = try FileManager.default.subpathsOfDirectory(atPath: kit.url("out").path).filter { $0.contains("kit.") }.sorted()
        #expect(made == ["county/en/kit.html", "county/en/kit.md", "county/en/kit.txt"], "\(made)")
    }

    @Test func badPartnersAreLocatedErrors() async throws {
        let kit = try Self.kit()
        try kit.edit("content/partners.yml", replacing: "contacts: [city-line]", with: "contacts: [city-lien]")
        try kit.edit("content/partners.yml", replacing: "locales: [en]", with: "locales: [en, fr]")
        try kit.edit("content/partners.yml", replacing: "src: assets/partners/city.svg", with: "src: assets/partners/ctiy.svg")
        var run = try await CLI.run(["generate"], in: kit.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/partners.yml:3:14: error: unknown contact 'city-lien' in 'contacts'; did you mean 'city-line'?"), "\(run.stderr)")
        #expect(run.stderr.contains("content/partners.yml:9:17: error: unknown locale 'fr' in a partner's 'locales'; the campaign's locales: 'en', 'es' (OUT0012)"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: kit.output.path), "a failed run wrote files")

        try kit.edit("content/partners.yml", replacing: "contacts: [city-lien]", with: "contacts: [city-line]")
        try kit.edit("content/partners.yml", replacing: "locales: [en, fr]", with: "locales: [en]")
        run = try await CLI.run(["generate"], in: kit.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/partners.yml:5:10: error: logo 'assets/partners/ctiy.svg' of partner 'city' is not in the assets folder 'assets'; did you mean 'assets/partners/city.svg'?"), "\(run.stderr)")
        #expect(run.stderr.contains("(OUT0225)"))

        for (src, reason) in [("https://example.org/logo.svg", "is an address"), ("../logo.svg", "leaves the output folder"), ("/etc/logo.svg", "is an absolute path")] {
            try kit.write("content/partners.yml", "- id: city\n  name: City\n  logo:\n    src: \(src)\n    alt: City logo\n")
            run = try await CLI.run(["validate"], in: kit.root)
            #expect(run.status == 1 && run.stderr.contains("content/partners.yml:4:10: error: logo '\(src)' \(reason)") && run.stderr.contains("(OUT0224)"), "\(run.stderr)")
        }
        try kit.write("content/partners.yml", "- id: city\n  name: City\n  logo:\n    src: assets/partners/city.svg\n    alt: \" \"\n")
        run = try await CLI.run(["validate"], in: kit.root)
        #expect(run.status == 1 && run.stderr.contains("content/partners.yml:5:10: error: logo 'assets/partners/city.svg' has empty alt text") && run.stderr.contains("(OUT0220)"), "\(run.stderr)")
        try kit.write("content/partners.yml", "- id: city\n  name: City\n  logo:\n    src: assets/partners/city.svg\n")
        run = try await CLI.run(["validate"], in: kit.root)
        #expect(run.status == 1 && run.stderr.contains("content/partners.yml:4:5: error: missing required key 'alt' in 'logo' (OUT0008)"), "\(run.stderr)")
    }

    @Test func aPartnerTextMissingInALocaleIsAnError() async throws {
        let kit = try Self.kit()
        try kit.edit("content/partners.yml", replacing: "name: {en: City Coalition, es: Coalición de la Ciudad}", with: "name: City Coalition")
        let run = try await CLI.run(["generate"], in: kit.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("material 'kit' needs 1 content text with no 'es' translation: 'City Coalition'"), "\(run.stderr)")
    }

    @Test func badManifestUsesAreLocatedErrors() async throws {
        let kit = try Self.kit()
        try kit.edit("outreach.yml", replacing: "    each: partner\n", with: "    each: partner\n    partners: [cty]\n    output: \"{agency}.{ext}\"\n")
        try kit.edit("outreach.yml", replacing: "formats: [markdown, text, html]\n  - id: kit", with: "formats: [markdown, text, html]\n    partners: [city]\n  - id: kit")
        let run = try await CLI.run(["validate"], in: kit.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: output pattern '{agency}.{ext}' must contain '{partner}' for 'each: partner' (OUT0114)"), "\(run.stderr)")
        #expect(run.stderr.contains("error: output pattern '{agency}.{ext}' uses '{agency}' but the material has no 'each: agency' (OUT0115)"), "\(run.stderr)")
        #expect(run.stderr.contains("error: unknown partner 'cty' in material 'kit'; did you mean 'city'?"), "\(run.stderr)")
        #expect(run.stderr.contains("outreach.yml:9:15: error: material 'sheet' lists 'partners' but has no 'each: partner'; add 'each: partner', or remove 'partners' (OUT0119)"), "\(run.stderr)")
    }

    /// Content shared by several manifests: one that makes no partner kits need not have their logos.
    @Test func logosAreCheckedOnlyForKitsTheManifestMakes() async throws {
        let kit = try Self.kit()
        try kit.edit("outreach.yml", replacing: "  - id: kit\n    layout: handout\n    each: partner\n", with: "  - id: kit\n    layout: handout\n")
        try kit.edit("outreach.yml", replacing: "assets: assets\n", with: "")
        let run = try await CLI.run(["generate"], in: kit.root)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func aFanOutWithNoPartnerIsAnError() async throws {
        let kit = try Self.kit()
        try FileManager.default.removeItem(at: kit.url("content/partners.yml"))
        let run = try await CLI.run(["generate"], in: kit.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: material 'kit' fans out over partners but makes no kit; add content/partners.yml listing the partners (OUT0117)"), "\(run.stderr)")
    }
}
