import Foundation
import Testing
import OutreachKit

// The renderer from README.md's "Adding a format", as written there, using only the public API.

/// One line per heading: a table of contents.
struct OutlineRenderer: Renderer {
    var format: FormatDescriptor {
        FormatDescriptor(name: "outline", fileExtension: "txt", mediaType: "text/plain",
                         summary: "The headings of a material, one per line")
    }

    func render(_ document: Document, options: RenderOptions) async throws -> Rendered {
        var outline = Outline()
        outline.walk(document)
        return Rendered(([document.metadata.title] + outline.lines).joined(separator: "\n") + "\n")
    }
}

/// Collects the headings; every other node keeps the walker's default.
struct Outline: DocumentWalker {
    var lines: [String] = []

    mutating func visitHeading(level: Int, content: [Inline]) {
        lines.append(String(repeating: "  ", count: level - 1) + content.plainText)
    }
}

@Suite struct ReadmeExampleTests {
    @Test func aRegisteredRendererServesManifestsThatNameIt() async throws {
        let kit = try Fixture()
        try kit.edit("outreach.yml", replacing: "formats: [html]", with: "formats: [html, outline]")
        var registry = RendererRegistry.builtIn
        registry.register(OutlineRenderer())
        let generator = Generator(registry: registry)
        let plan = try await generator.plan(manifest: kit.manifest, displayPath: "outreach.yml")
        _ = try OutputWriter().write(plan)
        let outline = try kit.read("out/profiles/cbp.txt")
        #expect(outline == "U.S. Customs and Border Protection (CBP)\n  What it does\n  By the numbers\n  Who to contact\n")
    }

    @Test func withoutRegistrationTheFormatIsUnknown() async throws {
        let kit = try Fixture()
        try kit.edit("outreach.yml", replacing: "formats: [html]", with: "formats: [html, outline]")
        await #expect(kit.problems().one(containing: "unknown format 'outline'") != nil)
    }
}
