import Foundation
import Testing
@testable import OutreachKit

/// The fast YAML composer builds exactly Yams's tree, or declines and leaves the text to Yams.
@Suite struct YAMLComposerTests {
    typealias SeededGenerator = RendererPropertyTests.SeededGenerator

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every YAML file of the repository's examples and templates (manifests, content, string
    /// catalogs, format descriptions) is taken by the composer, and its tree is Yams's.
    @Test func theRepositorysYAMLIsComposedAsYamsComposesIt() throws {
        var files: [URL] = []
        for folder in ["Examples", "Templates"] {
            // The repository's own files: not an example's `.build`, which holds its dependencies' checkouts
            // once `Scripts/test` has built it, so that the count does not depend on what ran before.
            let walker = FileManager.default.enumerator(at: Self.root.appendingPathComponent(folder), includingPropertiesForKeys: nil,
                                                        options: [.skipsHiddenFiles])
            while let url = walker?.nextObject() as? URL {
                if url.pathExtension == "yml" { files.append(url) }
            }
        }
        #expect(files.count >= 12)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(YAMLComposer.compose(text) != nil, "declined \(file.path)")
            #expect(YAMLComposer.differenceFromYams(text) == nil, "\(file.path)")
        }
    }

    /// What the composer leaves to Yams: anchors and aliases, explicit tags, keys that are not
    /// scalars, repeated keys, syntax errors, no document and more than one.
    @Test func itDeclinesWhatOnlyYamsHandles() {
        for text in ["a: &x 1\nb: *x\n", "a: !!str 5\n", "? [a, b]\n: c\n", "a: 1\na: 2\n", "a: 'x\n", "a: [1,\n",
                     "", "# only a comment\n", "a: 1\n---\nb: 2\n", "- &l [1]\n- *l\n", "!!map {a: b}\n", "\"a\": 1\na: 2\n"] {
            #expect(YAMLComposer.compose(text) == nil, "took \(text.debugDescription)")
        }
        #expect(YAMLComposer.compose("a: 1\n") != nil)
    }

    /// Nesting is bounded as ``YAMLBudget`` bounds it: up to its depth the composer takes the text
    /// (and builds Yams's tree); past it, it declines, and the budget reports the nesting.
    @Test func nestingPastTheBudgetIsLeftToTheBudget() {
        let within = String(repeating: "[", count: YAMLBudget.maximumDepth) + "x" + String(repeating: "]", count: YAMLBudget.maximumDepth)
        #expect(YAMLComposer.compose(within) != nil)
        #expect(YAMLComposer.differenceFromYams(within) == nil)
        let past = "[" + within + "]"
        #expect(YAMLComposer.compose(past) == nil)
        let sink = DiagnosticSink()
        #expect(YAMLValue.parse(past, file: "deep.yml", sink: sink) == nil)
        #expect(sink.diagnostics.map(\.message) == ["YAML nests lists and mappings deeper than \(YAMLBudget.maximumDepth) levels"])
    }

    /// Random texts from YAML's pieces (most of them broken): whenever the composer takes one,
    /// Yams takes it too and builds the same tree.
    @Test func randomTextsComposeAsYamsComposesThem() {
        let pieces = [
            "a: 1\n", "b:\n", "  - x\n", "  - y: z\n", "- item\n", "  c: d\n", "    e: 'single'\n", "k: \"double \\u00e9\"\n",
            "lit: |\n  line one\n  line two\n", "fold: >\n  folded\n  text\n", "flow: [1, two, 'three']\n", "map: {a: b, c: [d]}\n",
            "é: ü日本\n", "empty:\n", "nul: ~\n", "# comment\n", "\n", "key with spaces: value: more\n", "'quoted key': v\n",
            "tab:\tvalue\n", "- - nested\n", "  -\n", "url: https://example.org/a?b=c#d\n", "x: 1 # trailing\n",
            "&a anchored: 1\n", "ref: *a\n", "t: !tag v\n", "? k\n", ": v\n", "---\n", "...\n", "[\n", "}\n", "a: b: c\n",
        ]
        var random = SeededGenerator(state: 11)
        var taken = 0
        for _ in 0..<3_000 {
            let text = (0..<(1 + random.below(8))).map { _ in pieces[random.below(pieces.count)] }.joined()
            if YAMLComposer.compose(text) != nil { taken += 1 }
            if let difference = YAMLComposer.differenceFromYams(text) {
                Issue.record("\(text.debugDescription): \(difference)")
                return
            }
        }
        #expect(taken > 300, "the composer took only \(taken) of 3,000 texts")
    }
}
