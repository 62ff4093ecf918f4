import Foundation
import Testing
@testable import OutreachKit

/// A rerun with unchanged inputs takes outputs from the render cache, and never trusts it blindly.
@Suite(.timeLimit(.minutes(3))) struct RenderCacheTests {
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
        var odd = PlannedOutput(path: "a\tb\\c\nd\r.txt", format: "text", material: "m", contents: Data("x".utf8))
        odd.cacheKey = ContentDigest.value(of: Data("k1".utf8))
        odd.pageKey = ContentDigest.value(of: Data("p1".utf8))
        odd.untranslated = ["Hola\t\"uno\"\n", "dos"]
        var plain = PlannedOutput(path: "es/plain.md", format: "markdown", material: "m", contents: Data("y".utf8))
        plain.cacheKey = ContentDigest.value(of: Data("k2".utf8))
        var cache = RenderCache()
        cache.record([odd, plain])
        try FileManager.default.createDirectory(at: kit.output, withIntermediateDirectories: true)
        try cache.data.write(to: kit.output.appendingPathComponent(RenderCache.fileName))
        let loaded = RenderCache.load(from: kit.output)
        #expect(loaded.entries == cache.entries && loaded.entries.count == 2)
        #expect(loaded.entries["a\tb\\c\nd\r.txt"]?.untranslated == ["Hola\t\"uno\"\n", "dos"])
        #expect(loaded.entries["es/plain.md"]?.page == nil)
        #expect(loaded.data == cache.data)
        #expect(loaded.fileDigest == ContentDigest.value(of: cache.data))
        // Another version's file, or a damaged one, is no cache at all: every output is rendered.
        for text in ["{\"a.txt\": {\"key\": \"k\", \"contents\": \"d\"}}", "outreach-cache 2\nbad\\qpath\tk\td\t\n", "outreach-cache 2\nshort\tline\n",
                     "outreach-cache 2\na.txt\tnot-a-digest\t\(String(repeating: "0", count: 64))\t\n"] {
            try text.write(to: kit.output.appendingPathComponent(RenderCache.fileName), atomically: true, encoding: .utf8)
            #expect(RenderCache.load(from: kit.output).entries.isEmpty, "\(text)")
        }
    }
}
