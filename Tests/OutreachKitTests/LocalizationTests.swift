import Foundation
import Testing
@testable import OutreachKit

/// String catalogs, plural rules, locale formatting, and materials in several locales.
@Suite(.hangGuard) struct LocalizationTests {
    static let english = StringCatalogs.builtIn.catalog(for: "en")
    static let spanish = StringCatalogs.builtIn.catalog(for: "es")

    @Test func builtInCatalogsAreEmbeddedAndComplete() {
        #expect(EmbeddedTemplates.strings.keys.sorted() == ["ar.yml", "en.yml", "es.yml"])
        #expect(StringCatalogs.builtIn.locales == ["ar", "en", "es"])
        #expect(StringCatalogs.builtIn.problems().map(\.message) == [])
        for label in LayoutLabel.allCases {
            #expect(Self.english.entries[label.rawValue] != nil, "no English text for \(label.rawValue)")
        }
        #expect(Self.spanish.text("howToReport") == "A quién llamar")
    }

    @Test func catalogWithoutAKeyOrAPluralFormIsALocatedError() {
        let sink = DiagnosticSink()
        let catalog = StringCatalog.parse("call: Teléfono\ncharacters:\n  one: \"{count} carácter\"\n  other: \"{count} caracteres\"\n",
                                          locale: "es", file: "t/strings/es.yml", sink: sink)
        #expect(sink.diagnostics.isEmpty)
        let problems = catalog.problems(against: Self.english)
        let missing = problems.first { $0.message.contains("no key 'howToReport'") }
        #expect(missing?.code == .missingCatalogKey)
        #expect(missing?.location?.description == "t/strings/es.yml:1:1")
        let plural = problems.first { $0.message.contains("'characters'") }
        #expect(plural?.message.contains("lacks plural forms 'many'") == true)
        #expect(plural?.location?.description == "t/strings/es.yml:2:1")
    }

    @Test func pluralCategoriesFollowCLDR() {
        #expect(PluralCategory.of(1, in: "en") == .one)
        #expect(PluralCategory.of(0, in: "en") == .other)
        #expect(PluralCategory.of(2, in: "en-US") == .other)
        #expect(PluralCategory.of(1, in: "es") == .one)
        #expect(PluralCategory.of(1_000_000, in: "es") == .many)
        #expect(PluralCategory.of(7, in: "es") == .other)
        #expect([0, 1, 2, 3, 10, 11, 99, 100, 102, 103].map { PluralCategory.of($0, in: "ar") }
                == [.zero, .one, .two, .few, .few, .many, .many, .other, .other, .few])
        #expect(PluralCategory.of(1, in: "vi") == .other)
        #expect(PluralCategory.required(in: "es") == [.one, .many, .other])
        #expect(PluralCategory.required(in: "ar") == PluralCategory.allCases)
    }

    @Test func numbersAndDatesAreWrittenForTheLocale() {
        #expect(LocaleNumbers.format(12_345, in: "en") == "12,345")
        #expect(LocaleNumbers.format(1_234, in: "es") == "1234")
        #expect(LocaleNumbers.format(12_345, in: "es") == "12.345")
        #expect(LocaleNumbers.format(1_234_567, in: "en") == "1,234,567")
        #expect(Self.english.plural("segments", count: 1) == "1 segment")
        #expect(Self.english.plural("characters", count: 1_600) == "1,600 characters")
        #expect(Self.spanish.plural("segments", count: 2) == "2 segmentos")
        #expect(Self.english.date("2026-03-07") == "March 7, 2026")
        #expect(Self.spanish.date("2026-03-07") == "7 de marzo de 2026")
    }

    @Test func manifestCatalogOverridesKeysAndAnIncompleteOneFailsValidation() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "output: out", with: "output: out\ntemplates: my-templates")
        try kit.write("my-templates/strings/en.yml", "howToReport: Get help now\n")
        let outputs = try await kit.plan().outputs
        let markdown = String(decoding: try #require(outputs.first { $0.path == "sheet.md" }).contents, as: UTF8.self)
        #expect(markdown.contains("## Get help now"))

        try kit.write("my-templates/strings/vi.yml", "call: Gọi\n")
        let problem = await kit.problems().one(containing: "string catalog for 'vi' has no key 'howToReport'")
        #expect(problem?.code == .missingCatalogKey)
        #expect(problem?.location?.description == "my-templates/strings/vi.yml:1:1")
    }

    @Test func localeWithoutACatalogIsReported() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/campaign.yml", replacing: "locale: en", with: "locale: en\nlocales: [en, vi]")
        try kit.write("content/messages/signs.vi.md", "---\ntitle: Dấu hiệu\naudiences: [public]\n---\nNội dung.\n")
        try kit.write("outreach.yml", MinimalKit.manifest + "\n    locales: [en, vi]\n")
        let problem = await kit.problems().one(containing: "no string catalog for locale 'vi'")
        #expect(problem?.code == .missingCatalog)
        #expect(problem?.location?.description == "outreach.yml:8:19")
    }

    @Test func spanishMaterialsHoldNoEnglishWordsOfOutreach() async throws {
        let kit = try Fixture()
        let outputs = try await kit.plan().outputs
        // Spanish outputs under es/, and the partner kits' .es. files.
        let spanish = outputs.filter { $0.path.hasPrefix("es/") || $0.path.contains(".es.") }
        #expect(spanish.contains { $0.path == "partners/example-city-coalition/partner-handout.es.html" })
        #expect(Set(spanish.map(\.format)) == ["markdown", "text", "html", "sms", "wallet-card"])
        // Every English word of the catalog that Spanish says differently, as it appears before any placeholder.
        let english = Self.english.flattened.filter { key, value in Self.spanish.flattened[key] != value }
            .values.map { String($0.prefix { $0 != "{" }).trimmingCharacters(in: .whitespaces) }
            .filter { $0.count > 3 }
        for output in spanish {
            let text = String(decoding: output.contents, as: UTF8.self)
            for phrase in english {
                #expect(!text.contains(phrase), "\(output.path) contains English \(quoted(phrase))")
            }
            if output.format == "html" || output.format == "wallet-card" {
                #expect(text.contains("<html lang=\"es\""), "\(output.path)")
                #expect(!text.contains("lang=\"en\""), "\(output.path)")
            }
        }
        let handout = String(decoding: try #require(outputs.first { $0.path == "es/recognize-and-report.md" }).contents, as: UTF8.self)
        #expect(handout.contains("title: \"Reconozca y denuncie la trata de personas\""))
        #expect(handout.contains("## A quién llamar"))
    }

    @Test func oneManifestMakesEveryMaterialInEveryLocale() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/campaign.yml", replacing: "locale: en", with: "locale: en\nlocales: [en, es]")
        try kit.write("content/messages/signs.es.md", "---\ntitle: Señales\naudiences: [public]\n---\nTexto.\n")
        try kit.write("outreach.yml", MinimalKit.manifest.replacingOccurrences(of: "materials:", with: "locales: [en, es]\nfallback: en\nmaterials:")
            + "\n    title:\n      en: Roles\n      es: Funciones\n  - id: cards\n    layout: handout\n    formats: [text]\n    output: \"{locale}/cards.{ext}\"\n")
        let outputs = try await kit.plan().outputs
        #expect(outputs.map(\.path).sorted() == [
            "en/cards.txt", "es/cards.txt", "es/sheet.html", "es/sheet.md", "es/sheet.txt", "sheet.html", "sheet.md", "sheet.txt",
        ])
        let english = String(decoding: try #require(outputs.first { $0.path == "sheet.md" }).contents, as: UTF8.self)
        let spanish = String(decoding: try #require(outputs.first { $0.path == "es/sheet.md" }).contents, as: UTF8.self)
        #expect(english.contains("title: \"Roles\""))
        #expect(spanish.contains("title: \"Funciones\""))
        #expect(spanish.contains("Señales") && !spanish.contains("Signs"))
    }

    @Test func aMissingTranslationIsAnErrorNamingMessageAndLocale() async throws {
        let kit = try Fixture()
        try FileManager.default.removeItem(at: kit.url("content/messages/how-to-report.es.md"))
        let problems = await kit.problems().filter { $0.message.contains("message 'how-to-report' has no 'es' text") }
        // Every material that needs it says so: the handout, the text messages and the wallet cards list it,
        // and the agency profiles, which list no messages, take every one.
        #expect(problems.count == 4)
        let problem = problems.first { $0.message.contains("material 'recognize-and-report'") }
        #expect(problem?.code == .missingTranslation)
        #expect(problem?.severity == .error)
        #expect(problem?.location?.file == "outreach.yml")
    }

    @Test func aFigureWrittenOnceServesEveryLocaleButWordsAndSourcesNeedTranslating() async throws {
        let kit = try Fixture()
        let filters = GenerateFilters(materials: ["government-roles"], formats: ["markdown"])
        let plan = try await kit.plan(filters: filters)
        let spanish = String(decoding: try #require(plan.outputs.first { $0.path == "es/government-roles.md" }).contents, as: UTF8.self)
        #expect(spanish.contains("* **42,000+** agentes") && spanish.contains("* **327** puertos"), "written once, used as they are")
        #expect(spanish.contains("* **Casi 7,000** millas"))
        #expect(spanish.contains("Cifras: DHS, página “Government Roles” (2014).") && !spanish.contains("page (2014)"))
        // A figure with words, or a source, left in English alone is a missing translation.
        try kit.edit("content/agencies.yml", replacing: "        es: Casi 7,000\n", with: "")
        let problem = await kit.problems().one(containing: "material 'government-roles' needs 1 content text with no 'es' translation: 'Nearly 7,000'")
        #expect(problem?.code == .missingTranslation)
        try kit.edit("content/agencies.yml", replacing: "    - figure:\n        en: Nearly 7,000\n", with: "    - figure: Nearly 7,000\n")
        try kit.edit("content/agencies.yml", replacing: "      source:\n        en: DHS, Government Roles page (2014)\n        es: DHS, página “Government Roles” (2014)\n",
                     with: "      source: DHS, Government Roles page (2014)\n")
        let problems = await kit.problems()
        #expect(!problems.contains { $0.message.contains("'Nearly 7,000'") }, "a figure written once is the same in every locale")
        #expect(problems.one(containing: "material 'government-roles' needs 1 content text with no 'es' translation: 'DHS, Government Roles page (2014)'")?
            .code == .missingTranslation)
    }

    @Test func fallbackUsesAnotherLocaleMarksItAndWarns() async throws {
        let kit = try Fixture()
        try FileManager.default.removeItem(at: kit.url("content/messages/how-to-report.es.md"))
        try kit.edit("outreach.yml", replacing: "output: out", with: "output: out\nfallback: en")
        let plan = try await kit.plan()
        let warning = plan.warnings.first { $0.code == .translationFallback && $0.message.contains("'how-to-report'") }
        #expect(warning?.severity == .warning)
        let html = String(decoding: try #require(plan.outputs.first { $0.path == "es/recognize-and-report.html" }).contents, as: UTF8.self)
        #expect(html.contains("<div lang=\"en\">\n<h2>How to report</h2>"))
        #expect(html.contains("<html lang=\"es\""))
    }

    @Test func aMessageInOneLocaleOnlyIsNeverDropped() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/campaign.yml", replacing: "locale: en", with: "locale: en\nlocales: [en, es]")
        try kit.write("content/messages/solo.es.md", "---\ntitle: Solo\naudiences: [public]\n---\nSolo en español.\n")
        try kit.write("outreach.yml", MinimalKit.manifest + "\n    messages: [signs, solo]\n")
        let problem = await kit.problems().one(containing: "message 'solo' has no 'en' text")
        #expect(problem?.message.contains("written in: 'es'") == true)
        #expect(problem?.location?.description == "outreach.yml:8:23")
    }

    @Test func rightToLeftLocalesGetDirOnTheWholePage() throws {
        let document = Document(metadata: DocumentMetadata(title: "عنوان", locale: "ar", material: "m", layout: "handout"),
                                blocks: [.paragraph([.text("نص")])])
        let html = String(decoding: try #require(HTMLRenderer().render(document, options: RenderOptions()).files.first).contents, as: UTF8.self)
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\" data-paper="))
        var english = document
        english.metadata.locale = "en"
        let ltr = String(decoding: try #require(HTMLRenderer().render(english, options: RenderOptions()).files.first).contents, as: UTF8.self)
        #expect(ltr.contains("<html lang=\"en\" data-paper="))
    }

    @Test func thePartialArabicKitRendersRightToLeftWithItsEnglishFallbackMarked() async throws {
        let kit = try Fixture()
        let manifest = try String(contentsOf: Repository.example.appendingPathComponent("outreach.ar.yml"), encoding: .utf8)
        try kit.write("outreach.ar.yml", manifest)
        let plan = try await Generator().plan(manifest: kit.url("outreach.ar.yml"), displayPath: "outreach.ar.yml")
        #expect(plan.outputs.map(\.path).sorted() == ["ar/recognize-and-report.html", "ar/recognize-and-report.txt"])
        let html = String(decoding: try #require(plan.outputs.first { $0.path.hasSuffix(".html") }).contents, as: UTF8.self)
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\" data-paper="))
        #expect(html.contains("<h2>تعرّف على العلامات</h2>"))
        #expect(html.contains("<div lang=\"en\" dir=\"ltr\">\n<h2>How to report</h2>"))
        #expect(html.contains("<h2>بمن تتصل</h2>"))
        let warnings = plan.warnings.filter { $0.code == .translationFallback }
        let fallback = warnings.first { $0.message.contains("message 'how-to-report' has no 'ar' text") }
        #expect(fallback?.location?.description == "outreach.ar.yml:20:37")
        #expect(warnings.filter { $0.message.contains("has no 'ar' text") }.count == 1)
        #expect(warnings.contains { $0.message.contains("material 'recognize-and-report' in 'ar' uses") })
        #expect(plan.warnings.allSatisfy { $0.severity == .warning })
        let status = try TranslationStatus.load(manifest: kit.url("outreach.ar.yml"), displayPath: "outreach.ar.yml").0
        #expect(status.entries.filter { $0.locale == "ar" && $0.state == "missing" }.count == 10)
    }
}
