import Foundation
import Testing
@testable import OutreachKit

/// A manifest file is read as it is parsed (``ManifestFeed``): the same manifest, digest and
/// locations as its text parsed whole, and every file that is not plain text read the usual way.
@Suite struct ManifestFeedTests {
    private final class Count: @unchecked Sendable { var value = 0 }

    /// What the feed itself gives: the document, how many materials it handed on, and the digest; nil when it stopped.
    private func readByFeed(_ url: URL) throws -> (items: Int, hex: String)? {
        let feed = try #require(ManifestFeed(path: url.path))
        let count = Count()
        guard YAMLValue.parse(reading: feed, file: "outreach.yml", sink: DiagnosticSink(), divertingItemsOf: "materials",
                              to: { _ in count.value += 1 }) != nil else { return nil }
        return (count.value, feed.hex)
    }

    private func file(_ bytes: Data) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("outreach.yml")
        try bytes.write(to: url)
        return url
    }

    /// A manifest of `count` materials, every seventh with line separators in its title, so that lines
    /// and characters of three bytes fall across every block the file is read in.
    static func manifest(_ count: Int) -> String {
        var text = "version: 1\ncontent: content\noutput: out\nmaterials:\n"
        for index in 0..<count {
            let title = index % 7 == 3 ? "\n    title: \"a\u{2028}b\u{2029}c ✓ 🇺🇸 \(index)\"" : ""
            text += "  - id: m-\(index)\(title)\n    layout: handout\n    formats: [html, text]\n    agencies: [a\(index % 40), b]\n"
        }
        return text + "defaults:\n  paper: a4\n"
    }

    @Test(arguments: [0, 1, 600, 4_000])
    func aFileReadAsItIsParsedIsTheManifestOfItsText(count: Int) throws {
        let text = Self.manifest(count)
        let url = try file(Data(text.utf8))
        let fed = try #require(try readByFeed(url))
        #expect(fed.items == count && fed.hex == ContentDigest.hex(of: Data(text.utf8)))
        let sink = DiagnosticSink(), reference = DiagnosticSink()
        let read = try #require(ManifestLoader().load(url, displayPath: "outreach.yml", sink: sink))
        let kept = try #require(ManifestLoader().parse(text, file: "outreach.yml", base: url.deletingLastPathComponent(), sink: reference))
        #expect(sink.diagnostics == reference.diagnostics)
        #expect(read.sourceDigest == ContentDigest.hex(of: Data(text.utf8)))
        #expect(read.defaults.paper == .a4 && read.materials.count == count)
        #expect(read.materials.map(\.id) == kept.materials.map(\.id))
        #expect(read.materials.map(\.title) == kept.materials.map(\.title))
        for (material, reference) in zip(read.materials, kept.materials) {
            #expect(material.locations.isDeferred, "\(material.id)")
            for key in ["material", "title", "formats.1", "agencies.0"] {
                #expect(material.location(key) == reference.location(key), "\(material.id) \(key)")
            }
        }
    }

    /// Files whose text is not their bytes, or not plain, with the cause far into the file: read whole,
    /// as before, with the same manifest or the same located error as their text read whole.
    @Test(arguments: ["crlf", "bom", "nul", "c1", "bad utf-8", "cut utf-8", "empty", "alias"])
    func aFileThatIsNotPlainIsReadWhole(kind: String) throws {
        let text = Self.manifest(2_000)
        var bytes = Array(text.utf8)
        let far = bytes.count * 3 / 4
        switch kind {
        case "crlf": bytes = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        case "bom": bytes = [0xEF, 0xBB, 0xBF] + bytes
        case "nul": bytes[far] = 0
        case "c1": bytes.replaceSubrange(far..<far + 2, with: [0xC2, 0x85])
        case "bad utf-8": bytes[far] = 0xE9
        case "cut utf-8": bytes += [0xE2, 0x80]
        case "empty": bytes = []
        case "alias": bytes += Array("extra: &a [1]\nmore: *a\n".utf8)
        default: Issue.record("unknown kind \(kind)")
        }
        let url = try file(Data(bytes))
        #expect(try readByFeed(url) == nil, "\(kind)")
        let sink = DiagnosticSink()
        let read = ManifestLoader().load(url, displayPath: "outreach.yml", sink: sink)
        switch kind {
        case "crlf", "bom":
            #expect(read?.materials.count == 2_000)
            #expect(read?.materials.allSatisfy { !$0.locations.isDeferred } == true)
            #expect(read?.sourceDigest == ContentDigest.hex(of: Data(bytes)))
            #expect(sink.diagnostics.isEmpty)
        case "alias":
            // Yams reads what the composer declines; the root's unknown keys are reported where they are.
            #expect(read?.materials.count == 2_000)
            #expect(sink.diagnostics.contains { $0.message.contains("extra") })
        default:
            #expect(sink.hasErrors, "\(kind)")
            if ["nul", "c1", "bad utf-8"].contains(kind) {
                let line = bytes[..<far].filter { $0 == 0x0A }.count + 1
                #expect(sink.diagnostics.contains { $0.location?.line == line }, "\(kind): \(sink.diagnostics)")
            }
        }
    }

    /// The scanner takes a text in pieces split anywhere exactly when ``InputText/plainText(_:)`` takes it whole.
    @Test func theScannerAgreesWithPlainTextHoweverTheTextIsSplit() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let pieces: [[UInt8]] = [Array("a: b\n".utf8), Array("é".utf8), Array("✓".utf8), Array("🇺🇸".utf8), Array("\u{2028}".utf8),
                                 [0xEF, 0xBB, 0xBF], [0xC2, 0x85], [0xC2, 0xA0], [0x0D], [0x00], [0x7F], [0xE9], [0xF0, 0x9F],
                                 [0xED, 0xA0, 0x80], [0x09], Array(String(repeating: "x", count: 70_000).utf8)]
        for round in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + next(12)) {
                // Mostly text that is plain, so that most cases are plain and the rest fail late.
                bytes += pieces[next(5) == 0 ? next(pieces.count) : next(5)]
            }
            var scanner = InputText.PlainTextScanner()
            var at = 0
            while at < bytes.count {
                let count = min(bytes.count - at, 1 + next(round % 3 == 0 ? 4 : 70_000))
                _ = bytes[at..<(at + count)].withUnsafeBytes { scanner.scan($0) }
                at += count
            }
            #expect(scanner.finish() == (InputText.plainText(Data(bytes)) != nil), "\(bytes.prefix(40))")
        }
    }
}
