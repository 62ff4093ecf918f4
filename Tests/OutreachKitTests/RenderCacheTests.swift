import Foundation
import Testing
@testable import OutreachKit

/// A rerun with unchanged inputs takes outputs from the render cache, and never trusts it blindly.
@Suite(.hangGuard) struct RenderCacheTests {
    /// A path's line breaks, tabs and backslashes are escaped byte by byte, so a line of the cache,
    /// state or run record stays one line. "\r\n" is one `Character`: escaping by characters left it as it was.
    @Test func everyLineBreakInAPathIsEscapedAndReadBack() {
        for path in ["a\r\nb.md", "\r\n", "tab\there", "back\\slash", "é\r\nü/\n\r", "plain/path.md", "🇺🇸\r\n.txt"] {
            let escaped = RenderCache.escape(path)
            #expect(!escaped.utf8.contains(0x0A) && !escaped.utf8.contains(0x0D) && !escaped.utf8.contains(0x09), "\(escaped.debugDescription)")
            let back = Array(escaped.utf8).withUnsafeBufferPointer { RenderCache.unescape($0) }
            #expect(back == path)
        }
        #expect(RenderCache.escape("a\r\nb") == "a\\r\\nb")
    }

    /// Stamps are written as decimal numbers without a string each: the same text as `String(describing:)`.
    @Test func numbersAreWrittenInDecimal() {
        var writer = BlockWriter()
        let signed: [Int64] = [0, 7, -1, 10, -10, 1_700_000_000_123_456_789, .max, .min]
        for value in signed { writer.append(decimal: value, then: UInt8(ascii: " ")) }
        writer.append(decimal: UInt64.max, then: UInt8(ascii: "\n"))
        let expected = signed.map { "\($0) " }.joined() + "\(UInt64.max)\n"
        #expect(String(decoding: writer.bytes(), as: UTF8.self) == expected)
    }

    @Test func rerunTakesUnchangedOutputsFromTheCache() async throws {
        let kit = try Fixture()
        let first = try await kit.plan()
        #expect(first.outputs.allSatisfy { !$0.knownOnDisk })
        _ = try OutputWriter().write(first)
        let second = try await kit.plan()
        // Assets are copied, not rendered: the cache is for rendered files.
        #expect(second.outputs.filter { $0.format != "asset" }.allSatisfy { $0.knownOnDisk })
        #expect(second.outputs.map(\.contents) == first.outputs.map(\.contents))
        #expect(FileManager.default.fileExists(atPath: kit.url("out/.outreach-cache").path))
    }

    @Test func anOutputEditedByHandIsRenderedAndRewritten() async throws {
        let kit = try Fixture()
        _ = try await OutputWriter().write(kit.plan())
        let original = try kit.read("out/recognize-and-report.txt")
        try kit.write("out/recognize-and-report.txt", "edited by hand\n")
        let plan = try await kit.plan()
        #expect(plan.outputs.first { $0.path == "recognize-and-report.txt" }?.knownOnDisk == false)
        let results = try OutputWriter().write(plan)
        #expect(results.filter { $0.1 == .written }.map(\.0.path) == ["recognize-and-report.txt"])
        #expect(try kit.read("out/recognize-and-report.txt") == original)
    }

    @Test func changedContentMissesTheCache() async throws {
        let kit = try Fixture()
        _ = try await OutputWriter().write(kit.plan())
        try kit.edit("content/messages/how-to-report.md", replacing: "title: How to report", with: "title: How to tell us")
        let plan = try await kit.plan()
        let rendered = plan.outputs.filter { !$0.knownOnDisk && $0.format != "asset" }.map(\.path).sorted()
        #expect(rendered == ["recognize-and-report.html", "recognize-and-report.md", "recognize-and-report.txt",
                             "text-messages.txt", "wallet-cards.html"])
    }

    @Test func aRerunRewritesNeitherOutputsNorTheCache() async throws {
        let kit = try Fixture()
        _ = try await OutputWriter().write(kit.plan())
        let cache = kit.url("out/.outreach-cache").path
        let stamp = try FileManager.default.attributesOfItem(atPath: cache)[.modificationDate] as? Date
        try await Task.sleep(for: .milliseconds(50))
        let results = try await OutputWriter().write(kit.plan())
        #expect(results.allSatisfy { $0.1 == .unchanged })
        #expect(try FileManager.default.attributesOfItem(atPath: cache)[.modificationDate] as? Date == stamp)
    }

    @Test func checkModeDoesNotUseTheCache() async throws {
        let kit = try Fixture()
        _ = try await OutputWriter().write(kit.plan())
        var generator = Generator(environment: [:])
        generator.usesRenderCache = false
        let plan = try await generator.plan(manifest: kit.manifest, displayPath: "outreach.yml")
        #expect(plan.outputs.allSatisfy { !$0.knownOnDisk })
    }

    @Test func editingATemplateFormatMissesTheCache() async throws {
        let kit = try Fixture()
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Examples/formats"), to: kit.url("formats"))
        let manifest = try kit.read("outreach.yml")
        let absolute = Repository.root.appendingPathComponent("Examples/formats").path
        try kit.write("outreach.yml", manifest.replacingOccurrences(of: "folder: \(absolute)", with: "folder: formats"))
        _ = try await OutputWriter().write(kit.plan())
        let page = try kit.read("formats/sms/page.mustache")
        try kit.write("formats/sms/page.mustache", page + "Sent by the Blue Campaign.\n")
        let plan = try await kit.plan()
        #expect(plan.outputs.filter { !$0.knownOnDisk && $0.format != "asset" }.map(\.path) == ["es/text-messages.txt", "text-messages.txt"])
        _ = try OutputWriter().write(plan)
        #expect(try kit.read("out/text-messages.txt").hasSuffix("Sent by the Blue Campaign.\n"))
    }

    @Test func theCacheFileRoundTripsAnyPathAndText() throws {
        let kit = try Fixture.minimal()
        func output(_ path: String, key: String?, page: String? = nil, untranslated: [String]? = nil) -> PlannedOutput {
            var output = PlannedOutput(path: path, format: "text", material: "m", contents: Data(path.utf8))
            output.cacheKey = key.map { ContentDigest.value(of: Data($0.utf8)) }
            output.pageKey = page.map { ContentDigest.value(of: Data($0.utf8)) }
            output.untranslated = untranslated
            return output
        }
        let odd = output("a\tb\\c\nd\r.txt", key: "k1", page: "p1", untranslated: ["Hola\t\"uno\"\n", "dos"])
        let plain = output("es/plain.md", key: "k2")
        try FileManager.default.createDirectory(at: kit.output, withIntermediateDirectories: true)
        let file = kit.output.appendingPathComponent(RenderCache.fileName)
        func write(_ outputs: [PlannedOutput], keeping kept: [String] = [], over old: URL?) -> (Data, SortedLineMerge.Outcome) {
            var writer = BlockWriter()
            let updates = (outputs.map { (path: Array($0.path.utf8), value: RenderCache.line(for: $0).map(RenderCache.Update.line) ?? .remove) }
                + kept.map { (path: Array($0.utf8), value: RenderCache.Update.keep) })
                .sorted { SortedLineMerge.compare($0.path, $1.path) < 0 }
            let merged = RenderCache.write(updates, over: old?.path, to: &writer)
            return (writer.bytes(), merged)
        }
        let (first, firstMerge) = write([odd, plain, output("never-cached.txt", key: nil)], over: file)
        #expect(firstMerge == .merged(oldDigest: nil))
        try first.write(to: file)
        let loaded = RenderCache.load(from: kit.output)
        #expect(loaded.entries.count == 2)
        #expect(loaded.entries["a\tb\\c\nd\r.txt"] == RenderCache.Entry(
            key: odd.cacheKey!, contents: RenderCache.digest(odd.contents), page: odd.pageKey, untranslated: ["Hola\t\"uno\"\n", "dos"]))
        #expect(loaded.entries["es/plain.md"]?.page == nil)
        #expect(loaded.entries["es/plain.md"]?.key == plain.cacheKey)
        #expect(loaded.entries["never-cached.txt"] == nil)
        // Recording the same outputs again gives the same bytes, and says so by the old file's digest.
        let (again, againMerge) = write([plain, odd], over: file)
        #expect(again == first && againMerge == .merged(oldDigest: ContentDigest.value(of: first)))
        // An output the cache vouched for keeps its old line as it was; with no old line it has none.
        let (kept, _) = write([], keeping: ["a\tb\\c\nd\r.txt", "es/plain.md", "not-there.txt"], over: file)
        #expect(kept == first)
        // Paths are ordered and told apart by their bytes: "é" composed and decomposed are two files.
        let composed = output("caf\u{E9}.txt", key: "k4"), decomposed = output("cafe\u{301}.txt", key: "k5")
        let (both, _) = write([composed, decomposed], over: file)
        try both.write(to: file)
        #expect(RenderCache.load(from: kit.output).entries.count == 4)
        #expect(write([composed, decomposed], over: file).1 == .merged(oldDigest: ContentDigest.value(of: both)))
        try first.write(to: file)
        // A run that records one output keeps every other line; one without a key removes its line.
        let (changed, _) = write([output("b.txt", key: "k3"), output("es/plain.md", key: nil)], over: file)
        try changed.write(to: file)
        let merged = RenderCache.load(from: kit.output)
        #expect(merged.entries.count == 2 && merged.entries["es/plain.md"] == nil)
        #expect(merged.entries["a\tb\\c\nd\r.txt"]?.untranslated == ["Hola\t\"uno\"\n", "dos"])
        #expect(merged.entries["b.txt"]?.key == ContentDigest.value(of: Data("k3".utf8)))
        // Another version's file, or a damaged one, is no cache at all: every output is rendered,
        // and none of it is kept when the cache is written again.
        let zero = String(repeating: "0", count: 64)
        for text in ["{\"a.txt\": {\"key\": \"k\", \"contents\": \"d\"}}", "outreach-cache 2\nbad\\qpath\t\(zero)\t\(zero)\t\n",
                     "outreach-cache 2\nshort\tline\n", "outreach-cache 2\na.txt\tnot-a-digest\t\(zero)\t\n",
                     "outreach-cache 2\nb.txt\t\(zero)\t\(zero)\t\na.txt\t\(zero)\t\(zero)\t\n"] {
            try text.write(to: file, atomically: true, encoding: .utf8)
            #expect(RenderCache.load(from: kit.output).entries.isEmpty || text.contains("b.txt"), "\(text)")
            #expect(write([plain], over: file).1 == .damaged, "\(text)")
        }
    }
}
