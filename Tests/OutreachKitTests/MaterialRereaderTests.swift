import Foundation
import Testing
@testable import OutreachKit

/// A material read from a manifest file keeps only where it starts; its keys' locations are read
/// again when asked for, and must be those that reading it the first time gave.
@Suite struct MaterialRereaderTests {
    /// Materials in every shape a manifest writes them: at two indentations, with flow and block lists,
    /// comments (one at column 1 inside a material), a title mapping, options, non-ASCII text, line
    /// breaks libyaml counts that are not line feeds (U+2028 in a quoted title), a flow mapping, and
    /// the manifest's keys after the last material.
    static let manifest = """
        version: 1
        content: content
        output: out
        materials:
          - id: first
            layout: fact-sheet
            formats: [markdown, text, html]
            agencies: [dhs, hsi]
            topics:
              - recognize
              - report
          - id: zweite-ß
            title: "Ünïcödé — a title with a\u{2028}line separator and\u{2029}a paragraph separator"
            layout: handout
            # a comment between keys
            formats:
              - html
        # a comment at column 1, inside the list
              - text
            options: {locale: es, paper: a4}
            locales: [en, es]
          -   id: spaced
              layout: handout
              title: {en: English, es: Español}
              messages: [m1, m2, m3]
          - {id: flow, layout: handout, formats: [html], agencies: [a, b]}
          -
            id: next-line
            layout: handout
            formats: [text]
        defaults:
          paper: letter
        formats:
          - folder: formats

        """

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rereader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The manifest read from a file, and the same text parsed with every location kept.
    private func both(_ text: String, bytes: Data? = nil) throws -> (read: Manifest, kept: Manifest, file: URL) {
        let file = try folder().appendingPathComponent("outreach.yml")
        try (bytes ?? Data(text.utf8)).write(to: file)
        let read = try #require(ManifestLoader().load(file, displayPath: "outreach.yml", sink: DiagnosticSink()))
        let kept = try #require(ManifestLoader().parse(text, file: "outreach.yml", base: file.deletingLastPathComponent(), sink: DiagnosticSink()))
        return (read, kept, file)
    }

    @Test func aMaterialReadAgainHasTheLocationsOfReadingItOnce() throws {
        let (read, kept, _) = try both(Self.manifest)
        #expect(read.materials.map(\.id) == ["first", "zweite-ß", "spaced", "flow", "next-line"])
        #expect(read.materials.count == kept.materials.count)
        for (material, reference) in zip(read.materials, kept.materials) {
            #expect(material.locations.isDeferred, "\(material.id)")
            #expect(!reference.locations.isDeferred)
            #expect(material.locations == reference.locations, "\(material.id)")
        }
        // Key by key, for the keys diagnostics ask for, and some no material has.
        let keys = ["material", "id", "layout", "title", "formats", "formats.0", "formats.1", "formats.2", "agencies.1", "topics.1",
                    "options", "locales.1", "messages.2", "audience", "output", "nope", "formats.x"]
        for (material, reference) in zip(read.materials, kept.materials) {
            for key in keys { #expect(material.location(key) == reference.location(key), "\(material.id) \(key)") }
        }
        // libyaml counts the title's U+2028 and U+2029 as line breaks, so the lines after it are two further on.
        let second = read.materials[1]
        #expect(second.location("formats.1")?.description == "outreach.yml:21:9")
        #expect(second.location("locales.1")?.description == "outreach.yml:23:19")
        #expect(read.materials[4].location("formats.0")?.description == "outreach.yml:32:15")
    }

    /// A hundred materials after one with line separators: the offsets found while the text is
    /// parsed stay right for every later material, in every chunk the reading is split into.
    @Test func everyMaterialOfALongManifestIsFoundAgain() throws {
        var text = "version: 1\ncontent: content\noutput: out\nmaterials:\n"
        for index in 0..<600 {
            let title = index % 7 == 3 ? "\n    title: \"a\u{2028}b\u{2029}c ✓\"" : ""
            text += "  - id: m\(index)\(title)\n    layout: handout\n    formats: [html, text]\n    agencies: [a\(index), b]\n"
        }
        let (read, kept, _) = try both(text)
        #expect(read.materials.count == 600)
        for (material, reference) in zip(read.materials, kept.materials) {
            #expect(material.locations.isDeferred)
            #expect(material.location("agencies.0") == reference.location("agencies.0"), "\(material.id)")
            #expect(material.location("formats.1") == reference.location("formats.1"), "\(material.id)")
        }
    }

    /// When the manifest changes after it was read, nothing is read from the new text: each key is
    /// where its material starts, not a place in a file the run never read.
    @Test func aChangedManifestIsNotReadAgain() throws {
        let (read, kept, file) = try both(Self.manifest)
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("# edited\n".utf8))
        try handle.close()
        let material = read.materials[0]
        #expect(material.location("formats.2") == kept.materials[0].location("material"))
        #expect(material.location("material") == kept.materials[0].location("material"))
    }

    /// A manifest whose text is not its bytes (Windows line endings, a byte-order mark) keeps every location.
    @Test func aManifestWhoseTextIsNotItsBytesKeepsItsLocations() throws {
        let crlf = Data(Self.manifest.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let (read, kept, _) = try both(Self.manifest, bytes: crlf)
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data(Self.manifest.utf8)
        let (marked, _, _) = try both(Self.manifest, bytes: bom)
        for (index, material) in read.materials.enumerated() {
            #expect(!material.locations.isDeferred && !marked.materials[index].locations.isDeferred)
            #expect(material.locations == kept.materials[index].locations)
            #expect(marked.materials[index].locations == kept.materials[index].locations)
        }
    }

    /// A problem found after the manifest was read (an unknown agency, checked against the content)
    /// is reported where the material wrote it, from the locations read again.
    @Test func aLaterDiagnosticNamesTheLineAndColumnWritten() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "formats: [markdown, text, html]", with: "formats: [markdown, text, html]\n    agencies: [no-such-agency]")
        let manifest = try String(contentsOf: kit.root.appendingPathComponent("outreach.yml"), encoding: .utf8)
        let lines = manifest.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("no-such-agency") }) + 1
        let column = try #require(lines[line - 1].range(of: "no-such-agency")).lowerBound.utf16Offset(in: lines[line - 1]) + 1
        let problem = await kit.problems().one(containing: "unknown agency 'no-such-agency'")
        #expect(problem?.location?.description == "outreach.yml:\(line):\(column)")
    }
}
