import Foundation
import Testing
@testable import OutreachKit

/// A second language and a custom page template are content additions, not code changes.
@Suite(.hangGuard) struct LocaleAndTemplateTests {
    @Test func secondLanguageIsAContentAddition() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/campaign.yml", replacing: "locale: en", with: "locale: en\nlocales: [en, es]")
        try kit.edit("content/agencies.yml", replacing: "  role: Investigates trafficking.",
                     with: "  role:\n    en: Investigates trafficking.\n    es: Investiga la trata de personas.")
        try kit.write("content/messages/signs.es.md", "---\ntitle: Señales\naudiences: [public]\ntopics: [indicators]\n---\nTexto del mensaje.\n")
        // The rest of the kit stays English: 'fallback: en' lets it stand in, with a warning.
        try kit.write("outreach.yml", "fallback: en\n" + MinimalKit.manifest + "\n    options: { locale: es }\n")
        let plan = try await kit.plan()
        #expect(plan.warnings.map(\.code) == [.translationFallback])
        let outputs = plan.outputs
        let markdown = String(decoding: try #require(outputs.first { $0.path == "es/sheet.md" }).contents, as: UTF8.self)
        #expect(markdown.contains("Investiga la trata de personas."))
        #expect(markdown.contains("Señales"))
        #expect(!markdown.contains("Investigates trafficking."))
        let html = String(decoding: try #require(outputs.first { $0.path == "es/sheet.html" }).contents, as: UTF8.self)
        #expect(html.contains("<html lang=\"es\""))
    }

    @Test func untranslatedTextFallsBackToTheDefaultLocale() async {
        let text = LocalizedText(["en": "Hello", "es": "Hola"])
        #expect(text.resolved("es", fallback: "en") == "Hola")
        #expect(text.resolved("fr", fallback: "en") == "Hello")
    }

    @Test func translationInAnUnknownLocaleIsReported() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/agencies.yml", replacing: "  role: Investigates trafficking.",
                     with: "  role:\n    en: Investigates trafficking.\n    fr: Enquête.")
        let problem = await kit.problems().one(containing: "unknown key 'fr'")
        #expect(problem?.location?.description == "content/agencies.yml:7:5")
    }

    @Test func manifestTemplatesOverrideTheBuiltInOnes() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "output: out", with: "output: out\ntemplates: my-templates")
        try kit.write("my-templates/text.mustache", "{{% CONTENT_TYPE: TEXT}}CUSTOM {{title}}\n{{{body}}}")
        let outputs = try await kit.plan().outputs
        let text = String(decoding: try #require(outputs.first { $0.path == "sheet.txt" }).contents, as: UTF8.self)
        #expect(text.hasPrefix("CUSTOM "))
        let html = String(decoding: try #require(outputs.first { $0.path == "sheet.html" }).contents, as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func builtInTemplatesAreEmbedded() async {
        #expect(TemplateSet.builtIn.names == ["html", "markdown", "text"])
        #expect(EmbeddedTemplates.files.count == 3)
    }
}
