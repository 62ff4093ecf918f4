import Foundation
import Testing
@testable import OutreachKit

/// Small components: diagnostics, output patterns, the manifest reader, value checks.
@Suite struct ComponentTests {
    @Test func diagnosticsPrintCompilerStyle() async {
        let located = Diagnostic.error(.unknownFormat, "unknown format 'pdf'", at: SourceLocation(file: "outreach.yml", line: 12, column: 15),
                                       hint: "available: 'html', 'markdown', 'text'")
        #expect(located.description == "outreach.yml:12:15: error: unknown format 'pdf'; available: 'html', 'markdown', 'text' (OUT0111)")
        #expect(Diagnostic.warning(.smsSegments, "w", at: SourceLocation(file: "f", line: 3)).description == "f:3: warning: w (OUT0701)")
        #expect(Diagnostic.error(.renderFailed, "e").description == "error: e (OUT0501)")
        // The code ends the first line, the one problem matchers read, when a message quotes more lines.
        #expect(Diagnostic.error(.pluginFailed, "exited with status 1; the end of its stderr:\n    | boom").description
                == "error: exited with status 1; the end of its stderr: (OUT0402)\n    | boom")
    }

    @Test func outputPatterns() async {
        let pattern = OutputPattern(text: "{material}/{agency}.{locale}.{ext}")
        #expect(pattern.resolve(["material": "m", "agency": "ice", "locale": "en", "ext": "html"]) == "m/ice.en.html")
        // Cut once, a pattern makes the paths `filling` makes, whatever its braces: a placeholder
        // without a value, unclosed or nested braces, a brace a combining mark joins.
        let texts = ["{material}.{ext}", "{material}/{agency}.{ext}", "{partner}-{format}{locale}", "{material", "a}{b}{",
                     "{{material}}", "{}x{ext}", "{material}\u{301}.{ext}", "{\u{301}material}.{ext}", "é/{locale}/ü.{ext}", ""]
        for text in texts {
            for (agency, partner) in [(nil, nil), ("ice", nil), (nil, "p1")] as [(String?, String?)] {
                var values = ["material": "m", "locale": "es", "format": "html", "ext": "htm"]
                values["agency"] = agency
                values["partner"] = partner
                let resolved = OutputPattern(text: text).resolve(material: "m", locale: "es", format: "html", ext: "htm", agency: agency, partner: partner)
                #expect(resolved == text.filling(values), "\(text)")
                #expect(OutputPattern(text: text).resolve(values) == text.filling(values), "\(text)")
            }
        }
        #expect(pattern.problems(fansOut: .agency).isEmpty)
        #expect(pattern.problems(fansOut: nil).count == 1)
        #expect(pattern.problems(fansOut: .partner).count == 2)
        #expect(OutputPattern(text: "{material}.{ext}").problems(fansOut: .agency).count == 1)
        #expect(OutputPattern(text: "p/{partner}/{material}.{ext}").problems(fansOut: .partner).isEmpty)
        #expect(OutputPattern(text: "{material}.{ext}").problems(fansOut: .partner).first?.message.contains("'{partner}'") == true)
        #expect(OutputPattern(text: "{material.{ext}").problems(fansOut: nil).first?.message.contains("unknown placeholder") == true)
        #expect(escapeReason("a/b.html") == nil)
        // Reserved names, by their bytes, in any folder of the path.
        for path in [".outreach-x", "a/.outreach-x/b", "a/b/.outreach-", ".outreach-\u{301}x", "é/.outreach-state", "a//.outreach-x"] {
            #expect(reservedNameReason(path) != nil, "\(path)")
        }
        for path in ["a/b.outreach-x", ".outreach", "a/.outreacH-x", "x.outreach-/y", "a/\u{301}.outreach-x", "", "/"] {
            #expect(reservedNameReason(path) == nil, "\(path)")
        }
        #expect(escapeReason("a//b.html") != nil)
        #expect(escapeReason("/etc/passwd") != nil)
        #expect(escapeReason("a/../../b") != nil)
        // Each reason, and which wins when a path has several.
        #expect(escapeReason("~/x") == "is an absolute path")
        #expect(escapeReason("..") == "leaves the output folder with '..'")
        #expect(escapeReason("a//../b") == "leaves the output folder with '..'")
        #expect(escapeReason("a/") == "has an empty path component")
        #expect(escapeReason("") == "has an empty path component")
        #expect(escapeReason("a\\b") == "contains a backslash or NUL character")
        #expect(escapeReason("a\u{0}b") == "contains a backslash or NUL character")
        #expect(escapeReason("a/.../..b/.x/x..") == nil)
        // A combining mark after `/` makes one Swift Character of the two, but the file system still splits there.
        #expect(escapeReason("x/../\u{301}etc") == "leaves the output folder with '..'")
        #expect(escapeReason("../\u{301}") == "leaves the output folder with '..'")
    }

    @Test func manifestDefaultsAndOptionsMerge() async throws {
        let sink = DiagnosticSink()
        let manifest = try #require(ManifestLoader().parse("""
            version: 1
            content: c
            output: o
            defaults: { paper: a4, textWidth: 60 }
            materials:
              - id: m
                layout: handout
                formats: [text]
                options: { textWidth: 40, asciiOnly: true }
            """, file: "outreach.yml", base: URL(fileURLWithPath: "/"), sink: sink))
        #expect(sink.diagnostics.isEmpty)
        let merged = try #require(manifest.materials.first).options.over(manifest.defaults)
        #expect(merged == MaterialOptions(locale: nil, paper: .a4, textWidth: 40, asciiOnly: true))
    }

    /// A manifest of more than 256 materials is read in chunks on every core; its materials and
    /// diagnostics come out in file order, each problem once, as when read one by one.
    @Test func aLargeManifestReadsInFileOrder() async throws {
        var text = "version: 1\ncontent: c\noutput: o\nmaterials:\n"
        let bad: Set = [3, 256, 257, 700, 1023]
        for index in 0..<1024 {
            text += "  - id: m\(index)\n    layout: handout\n    formats: [text]\n"
            if bad.contains(index) { text += "    colour: blue\n" }
            if index == 900 { text += "    paper: a4\n" }
        }
        let sink = DiagnosticSink()
        let manifest = try #require(ManifestLoader().parse(text, file: "outreach.yml", base: URL(fileURLWithPath: "/"), sink: sink))
        #expect(manifest.materials.map(\.id) == (0..<1024).map { "m\($0)" })
        let lines = sink.diagnostics.compactMap { $0.location?.line }
        #expect(sink.diagnostics.count == 6)
        #expect(lines == lines.sorted())
        #expect(sink.diagnostics.map(\.message).filter { $0.contains("'colour'") }.count == 5)
    }

    /// The materials are read while the manifest is parsed. A manifest the fast composer declines
    /// only after many materials (here an anchor near its end) is read again by Yams: the same
    /// materials and diagnostics, each once, as when the composer takes it.
    @Test func aManifestDeclinedLateIsReadOnceTheSlowWay() async throws {
        func manifest(_ tail: String) -> String {
            var text = "version: 1\ncontent: c\noutput: o\nmaterials:\n"
            for index in 0..<600 {
                text += "  - id: m\(index)\n    layout: handout\n    formats: [text]\n"
                if index % 250 == 7 { text += "    colour: blue\n" }
            }
            return text + tail
        }
        var results: [([String], [String])] = []
        for tail in ["  - id: last\n    layout: handout\n    formats: [text]\n",
                     "  - id: last\n    layout: &shared handout\n    formats: [text]\n"] {
            let sink = DiagnosticSink()
            let manifest = try #require(ManifestLoader().parse(manifest(tail), file: "outreach.yml", base: URL(fileURLWithPath: "/"), sink: sink))
            results.append((manifest.materials.map(\.id), sink.diagnostics.map(\.description)))
        }
        #expect(YAMLComposer.compose(manifest("  - id: last\n    layout: &shared handout\n    formats: [text]\n")) == nil)
        #expect(results[0].0 == (0..<600).map { "m\($0)" } + ["last"])
        #expect(results[0].1.count == 3)
        #expect(results[1].0 == results[0].0 && results[1].1 == results[0].1)
    }

    /// Key locations read like the dictionary they replace: packed keys, list items, other names,
    /// other files, huge numbers and long lists.
    /// Setting a list item's location by name and index is the same as setting the key `NAME.INDEX`.
    @Test func keyLocationsSetAnItemAsTheKeyWould() {
        var byKey: KeyLocations = [:]
        var byItem: KeyLocations = [:]
        let items: [(String, Int, Int)] = [("formats", 0, 5), ("formats", 1, 6), ("colour", 2, 7), ("agencies", 8190, 8), ("agencies", 8191, 9),
                                           ("formats", 1, 10), ("messages", Int(Int32.max) + 1, 11)]
        for (name, index, line) in items {
            let location = OutreachKit.SourceLocation(file: "m.yml", line: line, column: 3)
            byKey["\(name).\(index)"] = location
            byItem.setItem(index, of: name, to: location)
            #expect(byItem == byKey, "\(name).\(index)")
            #expect(byItem["\(name).\(index)"] == location)
        }
    }

    @Test func keyLocationsReadLikeADictionary() {
        var reference: [String: OutreachKit.SourceLocation] = [:]
        var locations: KeyLocations = [:]
        func set(_ key: String, _ location: OutreachKit.SourceLocation?) {
            reference[key] = location
            locations[key] = location
        }
        func check() {
            for key in Set(reference.keys).union(["id", "formats.9", "nope", "formats.x", "formats.-1"]) {
                #expect(locations[key] == reference[key], "\(key)")
            }
        }
        set("material", OutreachKit.SourceLocation(file: "m.yml", line: 3, column: 5))
        set("id", OutreachKit.SourceLocation(file: "m.yml", line: 4, column: 9))
        set("formats.0", OutreachKit.SourceLocation(file: "m.yml", line: 5, column: 14))
        set("formats.1", OutreachKit.SourceLocation(file: "m.yml", line: 5, column: 20))
        set("id", OutreachKit.SourceLocation(file: "m.yml", line: 6, column: 9))
        set("formats.1", nil)
        check()
        locations.compact()
        check()
        set("colour", OutreachKit.SourceLocation(file: "m.yml", line: 7, column: 1))
        check()
        var small: KeyLocations = ["id": OutreachKit.SourceLocation(file: "a.yml", line: 1, column: 1)]
        small["layout"] = OutreachKit.SourceLocation(file: "b.yml", line: 2, column: 2)
        small["title"] = OutreachKit.SourceLocation(file: "a.yml", line: Int(UInt32.max) + 1, column: 3)
        #expect(small["layout"]?.file == "b.yml" && small["title"]?.line == Int(UInt32.max) + 1 && small["id"]?.line == 1)
        // The largest values that pack, and the first that do not.
        reference = [:]
        locations = [:]
        set("formats.8190", OutreachKit.SourceLocation(file: "m.yml", line: (1 << 28) - 1, column: 65_535))
        set("formats.8191", OutreachKit.SourceLocation(file: "m.yml", line: 1, column: 1))
        check()
        reference = [:]
        locations = [:]
        set("id", OutreachKit.SourceLocation(file: "m.yml", line: 1 << 28, column: 1))
        set("layout", OutreachKit.SourceLocation(file: "m.yml", line: 2, column: 65_536))
        set("title", OutreachKit.SourceLocation(file: "m.yml", line: 0, column: 0))
        check()
        reference = [:]
        locations = [:]
        for index in 0..<1000 { set("agencies.\(index)", OutreachKit.SourceLocation(file: "m.yml", line: index + 10, column: 7)) }
        check()
    }

    @Test func valueChecks() async {
        #expect(isValidURL("https://www.dhs.gov/blue-campaign"))
        #expect(isValidURL("mailto:info@example.org"))
        #expect(!isValidURL("www.dhs.gov"))
        #expect(!isValidURL("https://localhost"))
        #expect(!isValidURL("javascript:alert(1)"))
        #expect(isValidPhone("1-888-373-7888"))
        #expect(isValidPhone("(802) 872-6199"))
        #expect(isValidPhone("711"))
        #expect(!isValidPhone("1-866-DHS-2-ICE"))
        #expect(!isValidPhone("12"))
        #expect(Identifier.isValid("ice-tip-line"))
        #expect(!Identifier.isValid("ICE"))
        #expect(!Identifier.isValid("-ice"))
        #expect(isISODate("2026-01-31"))
        #expect(!isISODate("2026-13-01"))
        #expect(closestMatch(to: "fromats", in: ["formats", "layout"]) == "formats")
        #expect(closestMatch(to: "zzz", in: ["formats", "layout"]) == nil)
    }

    /// The one-pass path for plain files gives what the scalar-by-scalar path gives, and leaves
    /// everything else (line endings, a byte-order mark, controls, bad UTF-8) to it.
    @Test func plainTextIsTheSameTextTheLongWay() throws {
        let plain = ["", "a: b\n", "título: señales ✓ 你好\n\ttab\n", String(repeating: "x", count: 10_000)]
        for text in plain {
            let data = Data(text.utf8)
            #expect(InputText.plainText(data) == text)
            #expect(try InputText.decodeScalars(data, file: "f").get() == text)
        }
        let others: [[UInt8]] = [Array("a\r\nb".utf8), Array("a\rb".utf8), [0xEF, 0xBB, 0xBF, 0x61], [0x61, 0x00], [0x61, 0x1B],
                                 [0x7F], [0xC2, 0x85], [0xC2, 0x9F, 0x61], [0xE9], [0xC3], [0xED, 0xA0, 0x80]]
        for bytes in others {
            #expect(InputText.plainText(Data(bytes)) == nil, "\(bytes)")
        }
        // And those still come out as before: CR LF read as LF, the mark dropped, located errors.
        #expect(try InputText.decode(Data("a\r\nb".utf8), file: "f").get() == "a\nb")
        #expect(try InputText.decode(Data([0xEF, 0xBB, 0xBF, 0x61]), file: "f").get() == "a")
        #expect(InputText.decode(Data([0x61, 0x0A, 0x62, 0xC2, 0x85]), file: "f").failure?.location?.description == "f:2:2")
        #expect(InputText.decode(Data([0x61, 0xE9]), file: "f").failure?.code == .invalidUTF8)
        #expect(InputText.plainText(Data([0xC2, 0xA0])) == "\u{A0}")
    }
}

private extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
