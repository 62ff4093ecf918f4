import Foundation
import Testing
@testable import OutreachKit

/// A rerun lays out no page whose inputs are unchanged, trusts unchanged outputs from their
/// stamps without reading them, and still says and writes exactly what a full run would.
@Suite(.hangGuard) struct PageSkipTests {
    /// Counts the documents laid out, by wrapping the built-in layouts.
    final class LayoutCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func add() { lock.withLock { count += 1 } }
    }

    struct CountingLayout: Layout {
        let inner: any Layout
        let counter: LayoutCounter
        var name: String { inner.name }
        var summary: String { inner.summary }
        func document(for input: LayoutInput) -> Document {
            counter.add()
            return inner.document(for: input)
        }
    }

    static func generator(_ counter: LayoutCounter) -> Generator {
        var layouts = LayoutRegistry()
        let builtIn = LayoutRegistry.builtIn
        for name in builtIn.names { if let layout = builtIn.layout(named: name) { layouts.register(CountingLayout(inner: layout, counter: counter)) } }
        return Generator(registry: .builtIn, layouts: layouts, environment: [:])
    }

    /// Runs `generate` as the command does (streaming, through the render cache) and counts layouts.
    static func run(_ kit: Fixture) async throws -> (laidOut: Int, plan: GenerationPlan, results: WriteResults) {
        let counter = LayoutCounter()
        var (plan, results) = try await generator(counter).generate(manifest: kit.manifest, displayPath: "outreach.yml")
        plan.outputs = results.map(\.0)
        return (counter.value, plan, results)
    }

    @Test func aRerunWithUnchangedInputsLaysOutNothingAndReadsNothing() async throws {
        let kit = try Fixture()
        let first = try await Self.run(kit)
        #expect(first.laidOut > 30)
        let tree = kit.outputTree()
        let cache = try kit.read("out/\(RenderCache.fileName)")
        let second = try await Self.run(kit)
        #expect(second.laidOut == 0)
        // Every output kept its cache line as it was: the cache file is the same, byte for byte.
        #expect(try kit.read("out/\(RenderCache.fileName)") == cache)
        #expect(second.results.allSatisfy { $0.1 == .unchanged })
        #expect(second.plan.outputs.map(\.path) == first.plan.outputs.map(\.path))
        #expect(second.plan.outputs.map(\.size) == first.plan.outputs.map(\.size))
        #expect(kit.outputTree() == tree)
        // Files written in the same clock tick as the state file are read once more; after that
        // every rendered output is trusted from its stamp alone.
        let third = try await Self.run(kit)
        #expect(third.laidOut == 0)
        let rendered = third.plan.outputs.filter { $0.format != "asset" }
        #expect(!rendered.isEmpty && rendered.allSatisfy(\.trustedByStamp))
    }

    @Test func aContentChangeLaysOutAgainAndRewritesOnlyWhatChanged() async throws {
        let kit = try Fixture()
        let first = try await Self.run(kit)
        try kit.edit("content/messages/how-to-report.md", replacing: "title: How to report", with: "title: How to tell us")
        let second = try await Self.run(kit)
        #expect(second.laidOut == first.laidOut)
        let written = second.results.filter { $0.1 == .written }.map(\.0.path).sorted()
        #expect(written == ["recognize-and-report.html", "recognize-and-report.md", "recognize-and-report.txt",
                            "text-messages.txt", "wallet-cards.html"])
        #expect(try kit.read("out/recognize-and-report.md").contains("How to tell us"))
    }

    @Test func theManifestTheTemplatesAndTheDateAreInputs() async throws {
        let kit = try Fixture()
        _ = try await Self.run(kit)
        let cache = try kit.read("out/\(RenderCache.fileName)")
        try kit.edit("outreach.yml", replacing: "output: out", with: "output: out\n# a comment changes the manifest's bytes")
        #expect(try await Self.run(kit).laidOut > 0)
        // The outputs are the same bytes under the same keys, but their lines record the new page keys.
        #expect(try kit.read("out/\(RenderCache.fileName)") != cache)
        #expect(try await Self.run(kit).laidOut == 0)

        try FileManager.default.createDirectory(at: kit.url("my-templates"), withIntermediateDirectories: true)
        let text = try String(contentsOf: Repository.root.appendingPathComponent("Templates/text.mustache"), encoding: .utf8)
        try kit.write("my-templates/text.mustache", text + "\nPrinted by the campaign.\n")
        try kit.edit("outreach.yml", replacing: "output: out", with: "output: out\ntemplates: my-templates")
        let templated = try await Self.run(kit)
        #expect(templated.laidOut > 0)
        #expect(try kit.read("out/recognize-and-report.txt").hasSuffix("Printed by the campaign.\n"))
        try kit.write("my-templates/text.mustache", text + "\nPrinted by the coalition.\n")
        #expect(try await Self.run(kit).laidOut > 0)
        #expect(try kit.read("out/recognize-and-report.txt").hasSuffix("Printed by the coalition.\n"))
    }

    @Test func anOutputChangedBehindOutreachsBackIsReadAndRepaired() async throws {
        let kit = try Fixture()
        _ = try await Self.run(kit)
        _ = try await Self.run(kit)
        // Same size, and the old modification time put back: only the change time and the bytes differ.
        let path = kit.url("out/recognize-and-report.txt").path
        let original = try kit.read("out/recognize-and-report.txt")
        let modified = try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
        try kit.write("out/recognize-and-report.txt", String(repeating: "x", count: original.utf8.count))
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        let run = try await Self.run(kit)
        #expect(run.results.filter { $0.1 == .written }.map(\.0.path) == ["recognize-and-report.txt"])
        #expect(try kit.read("out/recognize-and-report.txt") == original)
    }

    @Test func aSkippedPageStillReportsItsUntranslatedTexts() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/campaign.yml", replacing: "locale: en", with: "locale: en\nlocales: [en, es]")
        try kit.write("content/messages/signs.es.md", "---\ntitle: Señales\naudiences: [public]\n---\nTexto.\n")
        try kit.write("outreach.yml", MinimalKit.manifest.replacingOccurrences(of: "materials:", with: "locales: [en, es]\nfallback: en\nmaterials:"))
        let first = try await Self.run(kit)
        let warnings = first.plan.warnings.filter { $0.code == .translationFallback }
        #expect(!warnings.isEmpty)
        let second = try await Self.run(kit)
        #expect(second.laidOut == 0)
        #expect(second.plan.warnings.map(\.description) == first.plan.warnings.map(\.description))
    }

    @Test func theStateFileRoundTripsAndTrustsOnlyWhatItSaw() throws {
        let kit = try Fixture.minimal()
        try kit.write("out/a.txt", "one\n")
        try kit.write("out/b c.txt", "two\n")
        var writer = BlockWriter()
        #expect(OutputState.write(stamping: ["a.txt", "b c.txt", "missing.txt"].map { Array($0.utf8) }, in: kit.output, over: nil, to: &writer))
        try writer.bytes().write(to: kit.url("out/\(OutputState.fileName)"))
        // A state file is trusted for files last changed before it was written: make it newer.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)],
                                              ofItemAtPath: kit.url("out/\(OutputState.fileName)").path)
        let loaded = OutputState.load(from: kit.output)
        #expect(loaded.stamps.count == 2)
        #expect(loaded.unchangedSize(of: "a.txt") == 4)
        #expect(loaded.unchangedSize(of: "b c.txt") == 4)
        #expect(loaded.unchangedSize(of: "missing.txt") == nil)
        try kit.write("out/a.txt", "ONE\n")
        #expect(loaded.unchangedSize(of: "a.txt") == nil)
        // A state written in the same tick as a file (or before it) does not vouch for it.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)],
                                              ofItemAtPath: kit.url("out/\(OutputState.fileName)").path)
        #expect(OutputState.load(from: kit.output).unchangedSize(of: "b c.txt") == nil)
        // Garbage is no state at all.
        try kit.write("out/\(OutputState.fileName)", "not a state\n1 2 3 4 a.txt\n")
        #expect(OutputState.load(from: kit.output).stamps.isEmpty)
        // Writing again keeps the lines of other paths, replaces a path's line, and drops a file that is gone.
        let stamp = "1 4 5 6 "
        try kit.write("out/\(OutputState.fileName)", "outreach-state 1\n\(stamp)a.txt\n\(stamp)gone.txt\n\(stamp)kept.txt\n")
        try FileManager.default.removeItem(at: kit.url("out/a.txt"))
        writer = BlockWriter()
        #expect(OutputState.write(stamping: ["a.txt", "b c.txt"].map { Array($0.utf8) }, in: kit.output, over: kit.url("out/\(OutputState.fileName)").path, to: &writer))
        let lines = String(decoding: writer.bytes(), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 4 && lines[0] == "outreach-state 1" && lines[1].hasSuffix(" b c.txt"))
        #expect(lines[2] == "\(stamp)gone.txt" && lines[3] == "\(stamp)kept.txt")
        // A line that is no stamp is dropped; a file without the header has no lines to keep.
        try kit.write("out/\(OutputState.fileName)", "outreach-state 1\n\(stamp)a.txt\nnot a stamp\n\(stamp)kept.txt\n")
        writer = BlockWriter()
        #expect(OutputState.write(stamping: [Array("b c.txt".utf8)], in: kit.output, over: kit.url("out/\(OutputState.fileName)").path, to: &writer))
        let kept = String(decoding: writer.bytes(), as: UTF8.self).split(separator: "\n")
        #expect(kept.count == 4 && kept[1] == "\(stamp)a.txt" && kept[2].hasSuffix(" b c.txt") && kept[3] == "\(stamp)kept.txt", "\(kept)")
        try kit.write("out/\(OutputState.fileName)", "outreach-state 0\n\(stamp)a.txt\n")
        writer = BlockWriter()
        #expect(OutputState.write(stamping: [Array("b c.txt".utf8)], in: kit.output, over: kit.url("out/\(OutputState.fileName)").path, to: &writer))
        #expect(String(decoding: writer.bytes(), as: UTF8.self).split(separator: "\n").count == 2)
        // Lines out of order: the old file is not used.
        try kit.write("out/\(OutputState.fileName)", "outreach-state 1\n\(stamp)b.txt\n\(stamp)a.txt\n")
        writer = BlockWriter()
        #expect(!OutputState.write(stamping: [Array("a.txt".utf8)], in: kit.output, over: kit.url("out/\(OutputState.fileName)").path, to: &writer))
    }
}
