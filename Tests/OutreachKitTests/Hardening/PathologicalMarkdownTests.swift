import Foundation
import Testing
@testable import OutreachKit

/// cmark's own pathological inputs (the cases of its `test/pathological_tests.py`,
/// generated here from their description, at a tenth of their repeat counts):
/// the bridge to `Document` neither crashes nor costs more than a small factor
/// of cmark's parse of the same bytes. A tenth, because the system's libcmark
/// (0.30.2 on Debian 12) is itself slow on some of the newer cases at full size;
/// the factor against cmark is what is tested, and the long underscore run is
/// also timed at full size below.
@Suite struct PathologicalMarkdownTests {
    /// Name and input of each case.
    /// Repeat counts are cmark's divided by this.
    static let scale = 10

    static let cases: [(name: String, input: String)] = [
        ("nested strong emph", String(repeating: "*a **a ", count: 32500 / scale) + "b" + String(repeating: " a** a*", count: 32500 / scale)),
        ("many emph closers with no openers", String(repeating: "a_ ", count: 32500 / scale)),
        ("many emph openers with no closers", String(repeating: "_a ", count: 32500 / scale)),
        ("many link closers with no openers", String(repeating: "a]", count: 32500 / scale)),
        ("many link openers with no closers", String(repeating: "[a", count: 32500 / scale)),
        ("mismatched openers and closers", String(repeating: "*a_ ", count: 25000 / scale)),
        ("issue #389", String(repeating: "*a ", count: 20000 / scale) + String(repeating: "_a*_ ", count: 20000 / scale)),
        ("openers and closers multiple of 3", "a**b" + String(repeating: "c* ", count: 25000 / scale)),
        ("link openers and emph closers", String(repeating: "[ a_", count: 25000 / scale)),
        ("pattern [ (]( repeated", String(repeating: "[ (](", count: 40000 / scale)),
        // libcmark 0.30.2 is quadratic here itself (3 s at a tenth): a hundredth keeps the suite short.
        ("pattern ![[]() repeated", String(repeating: "![[]()", count: 160000 / scale / 10)),
        ("nested brackets", String(repeating: "[", count: 25000 / scale) + "a" + String(repeating: "]", count: 25000 / scale)),
        ("nested block quotes", String(repeating: "> ", count: 25000 / scale) + "a"),
        ("deeply nested lists", (0..<500 / scale).map { String(repeating: "  ", count: $0) + "* a\n" }.joined()),
        ("U+0000 in input", "abc\u{0}de\u{0}"),
        ("backticks", (1..<2500 / scale).map { "e" + String(repeating: "`", count: $0) }.joined()),
        ("unclosed links A", String(repeating: "[a](<b", count: 30000 / scale)),
        ("unclosed links B", String(repeating: "[a](b", count: 30000 / scale)),
        ("unclosed <!--", "</" + String(repeating: "<!--", count: 300000 / scale)),
        ("empty lines in deeply nested lists", String(repeating: "- ", count: 30000 / scale) + "x" + String(repeating: "\n", count: 30000 / scale)),
        ("empty lines in deeply nested lists in blockquote",
         "> " + String(repeating: "- ", count: 30000 / scale) + "x\n" + String(repeating: ">\n", count: 30000 / scale)),
        ("emph in deep blockquote", String(repeating: ">", count: 100000 / scale) + String(repeating: "a*", count: 100000 / scale)),
        ("reference collisions", referenceCollisions()),
        ("nested inlines", String(repeating: "*", count: 20000 / scale) + "a" + String(repeating: "*", count: 20000 / scale)),
        ("long underscore run around a word", String(repeating: "_", count: 50000 / scale) + "a" + String(repeating: "_", count: 50000 / scale)),
    ]

    /// 25,000 link reference definitions whose labels all fall in one bucket of cmark's old hash.
    static func referenceCollisions() -> String {
        func badHash(_ key: String) -> Bool {
            var h: UInt32 = 0
            for c in key.unicodeScalars { h = c.value &+ (h << 6) &+ (h << 16) &- h }
            return h % 16 == 0
        }
        var keys: [String] = []
        var i = 0
        while keys.count < 25000 / scale {
            let key = "x\(i)"
            if badHash(key) { keys.append(key) }
            i += 1
        }
        let bad = keys[0]
        return keys.dropFirst().map { "[\($0)]: /url\n\n[\(bad)]\n\n" }.joined()
    }

    /// The CPU seconds `work` takes on this thread, the best of three runs.
    static func seconds(_ work: () -> Void) -> Double {
        (0..<3).map { _ in
            let start = threadCPUSeconds()
            work()
            return threadCPUSeconds() - start
        }.min() ?? 0
    }

    /// The CPU time of the calling thread: what the work itself costs, which other
    /// processes on a loaded machine (a parallel test run, a browser) do not inflate
    /// as they inflate wall-clock time.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Each case converts (and is depth-checked, as loading content does) within
    /// a factor of cmark's own parse; the factor is generous because the tests run
    /// an unoptimised build against an optimised libcmark, and a quadratic or
    /// exponential bridge misses it by orders of magnitude. The cases run one
    /// after another so that they do not share the cores while being timed.
    @Test(.hangGuard) func eachCaseConvertsWithinAFactorOfCmark() throws {
        for (name, input) in Self.cases {
            let cmark = Self.seconds { CommonMark.parseWithCmarkOnly(input) }
            let ours = Self.seconds {
                _ = CommonMark.firstTooDeep(in: input)
                _ = CommonMark.parse(input)
            }
            if ProcessInfo.processInfo.environment["OUTREACH_PATHOLOGICAL_TIMES"] != nil {
                FileHandle.standardError.write(Data(String(format: "%@: cmark %.4f s, outreach %.4f s\n", name, cmark, ours).utf8))
            }
            #expect(ours <= 40 * cmark + 0.25, "\(name): \(ours) s against cmark's \(cmark) s")
        }
    }

    @Test func deepNestingIsFoundWhereItGoesTooDeepAndTheBridgeStaysBounded() {
        let quotes = String(repeating: "> ", count: 25000) + "a"
        let deep = CommonMark.firstTooDeep(in: quotes)
        #expect(deep?.line == 1)
        #expect(deep?.column == 2 * CommonMark.maximumDepth + 1, "the first quote past the limit")
        // Unchecked text converts without recursing past the limit: what is deeper becomes text.
        var depth = 0
        var blocks = CommonMark.parse(quotes)
        while case .quote(let inner)? = blocks.first { depth += 1; blocks = inner }
        #expect(depth == CommonMark.maximumDepth)
        #expect(blocks == [.paragraph([.text("a")])])

        let lists = (0..<200).map { String(repeating: "  ", count: $0) + "* a\n" }.joined()
        #expect(CommonMark.firstTooDeep(in: lists)?.line == CommonMark.maximumDepth / 2, "the paragraph of the 32nd item sits at depth 65")
        #expect(CommonMark.firstTooDeep(in: (0..<20).map { String(repeating: "  ", count: $0) + "* a\n" }.joined()) == nil)
        #expect(CommonMark.firstTooDeep(in: String(repeating: "*a **a ", count: 100) + "b" + String(repeating: " a** a*", count: 100)) != nil)
        #expect(CommonMark.firstTooDeep(in: "Plain *text* with a [link](https://example.org).") == nil)
    }

    /// Merging the text runs of a long run of `_` is linear: twice the input costs about twice the time.
    @Test(.hangGuard) func longUnderscoreRunsAreLinear() {
        func run(_ count: Int) -> String { String(repeating: "_", count: count) + "a" + String(repeating: "_", count: count) }
        // cmark nests 500 strong emphases around the word; past the depth limit it is text.
        #expect(CommonMark.parseInline(run(1000)).plainText == "a")
        let small = Self.seconds { _ = CommonMark.parse(run(10000)) }
        let large = Self.seconds { _ = CommonMark.parse(run(40000)) }
        // Linear: 4x; quadratic would be 16x.
        #expect(large <= 8 * small + 0.05, "10k: \(small) s, 40k: \(large) s")
    }

    @Test func controlCharactersWrittenAsEntitiesNeverReachTheTree() {
        let inlines = CommonMark.parseInline("a&#27;[2Jb [x](https://e.org/&#27;)")
        #expect(!inlines.plainText.unicodeScalars.contains { $0.value == 0x1B })
        #expect(inlines.plainText.hasPrefix("a\u{FFFD}[2Jb"))
        if case .link(let url, _)? = inlines.last { #expect(!url.contains("\u{1B}")) }
    }
}
