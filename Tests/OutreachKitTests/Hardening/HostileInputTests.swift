import Foundation
import Testing
@testable import OutreachKit

/// Inputs built to cost without bound or to confuse: each gets a located error
/// with its code, quickly, and nothing is written.
@Suite(.hangGuard) struct HostileInputTests {
    /// Nine levels of ten aliases each: a few hundred bytes that stand for 10^9 nodes.
    static let billionLaughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """

    @Test func aliasBombsAreRefusedWhereverYAMLIsRead() async throws {
        // The manifest: format options are the classic place for a free-form value.
        let kit = try Fixture.minimal()
        try kit.write("outreach.yml", MinimalKit.manifest + "\nx-bomb:\n" + Self.billionLaughs.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n")
        let manifest = await kit.problems().one(containing: "aliases")
        #expect(manifest?.code == .aliasExpansionTooLarge)
        #expect(manifest?.location?.file == "outreach.yml")
        #expect((manifest?.location?.line ?? 0) > 8)

        // Front matter: located in the message file, after the '---' line.
        let message = try Fixture.minimal()
        try message.write("content/messages/signs.md", "---\n" + Self.billionLaughs + "\ntitle: x\n---\nBody.\n")
        let front = await message.problems().one(containing: "aliases")
        #expect(front?.code == .aliasExpansionTooLarge)
        #expect(front?.location?.file == "content/messages/signs.md")
        #expect(front?.location?.line == 6, "the first alias past the limit ('e:'), on the file's own line numbers")

        // One large anchored string referenced many times.
        let big = try Fixture.minimal()
        let string = String(repeating: "x", count: 100_000)
        try big.write("content/contacts.yml", "- &c\n  id: hotline\n  name: \(string)\n  phone: 1-888-373-7888\n"
                      + String(repeating: "- *c\n", count: 2000))
        let repeated = await big.problems().one(containing: "aliases")
        #expect(repeated?.code == .aliasExpansionTooLarge)
        #expect(repeated?.location?.file == "content/contacts.yml")
    }

    @Test func aliasesWithinTheBudgetStillWork() {
        #expect(YAMLBudget.check("base: &b {x: 1, y: 2}\nmore: [*b, *b, *b]\n") == nil)
        #expect(YAMLBudget.check(Self.billionLaughs)?.code == .aliasExpansionTooLarge)
        // libyaml itself stops at 1,000 levels; ours stops earlier, before Yams's recursive composer.
        #expect(YAMLBudget.check(String(repeating: "[", count: 300) + String(repeating: "]", count: 300))?.code == .yamlSyntax)
        #expect(YAMLBudget.check(String(repeating: "[", count: 200) + String(repeating: "]", count: 200)) == nil)
    }

    @Test func aliasBombInAFormatDescriptorIsLocated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outreach-format-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(("name: bomb\nextension: txt\nmediaType: text/plain\nbase: text\nsummary: s\n" + Self.billionLaughs).utf8)
            .write(to: folder.appendingPathComponent("format.yml"))
        try Data("{{{body}}}".utf8).write(to: folder.appendingPathComponent("page.mustache"))
        #expect(throws: DiagnosticError.self) { try TemplateFormat.load(from: folder, displayPath: "formats/bomb") }
        do {
            _ = try TemplateFormat.load(from: folder, displayPath: "formats/bomb")
        } catch {
            #expect(error.diagnostics.first?.code == .aliasExpansionTooLarge)
            #expect(error.diagnostics.first?.location?.file == "formats/bomb/format.yml")
        }
    }

    @Test func deeplyNestedYAMLIsAnErrorNotAStackOverflow() async throws {
        let kit = try Fixture.minimal()
        for depth in [300, 100_000] {
            try kit.write("content/agencies.yml", String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n")
            let problems = await kit.problems().filter { $0.location?.file == "content/agencies.yml" }
            #expect(problems.map(\.code) == [.yamlSyntax], "\(depth): \(problems)")
            #expect(problems.first?.location?.line == 1)
        }
    }

    @Test func deepMarkdownInAMessageIsLocatedAtItsLineInTheFile() async throws {
        let kit = try Fixture.minimal()
        try kit.write("content/messages/signs.md", "---\ntitle: Signs\naudiences: [public]\n---\n\nFine.\n\n" + String(repeating: "> ", count: 30000) + "deep\n")
        let problem = await kit.problems().one(containing: "deeper than")
        #expect(problem?.code == .markdownTooDeep)
        #expect(problem?.location?.description == "content/messages/signs.md:8:\(2 * CommonMark.maximumDepth + 1)")
    }

    @Test func deepMarkdownInAContentTextIsLocatedAtItsValue() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("content/agencies.yml", replacing: "role: Investigates trafficking.",
                     with: "role: \"" + String(repeating: "*a **a ", count: 40) + "b" + String(repeating: " a** a*", count: 40) + "\"")
        let problem = await kit.problems().one(containing: "deeper than")
        #expect(problem?.code == .markdownTooDeep)
        #expect(problem?.location?.description == "content/agencies.yml:5:9")
    }

    @Test func didYouMeanOverManyIDsIsBoundedAndListsAHandful() async throws {
        let kit = try Fixture.minimal()
        let agencies = (0..<20_000).map { "- id: agency-\($0)\n  name: Agency \($0)\n  kind: dhs-component\n  role: Works.\n" }.joined()
        try kit.write("content/agencies.yml", MinimalKit.agencies + "\n" + agencies)
        let long = String(repeating: "q", count: 5000)
        try kit.write("content/messages/signs.md", "---\ntitle: Signs\naudiences: [public]\nagencies: [\(long), agency-1999x]\n---\nBody.\n")
        // The search is bounded by work, not by time (closestMatchStopsAtItsWorkLimit); the unbounded one took 15 s here.
        let problems = await kit.problems()
        let unknown = problems.filter { $0.code == .unknownReference }
        #expect(unknown.count == 2)
        let near = unknown.first { $0.message.contains("agency-1999x") }
        #expect(near?.hint?.hasPrefix("did you mean 'agency-1999'?") == true)
        #expect(near?.hint?.contains("and 19991 more") == true, "\(near?.hint ?? "")")
        #expect((near?.hint?.count ?? 0) < 400)
    }

    /// The bound is a count of edit-distance cells, so the cost of a suggestion is the same on any machine:
    /// a near match past the limit is not looked at.
    @Test func closestMatchStopsAtItsWorkLimit() {
        let name = "agency-1999x"
        let cellsPerCandidate = (name.count + 1) * (name.count + 1)
        let filler = Array(repeating: "zzzzzzzzzzzz", count: suggestionWorkLimit / cellsPerCandidate + 1)
        #expect(closestMatch(to: name, in: ["agency-1999"] + filler) == "agency-1999")
        #expect(closestMatch(to: name, in: filler + ["agency-1999"]) == nil, "searched past its work limit")
    }

    @Test func closestMatchSkipsFarLengthsAndStopsEarly() {
        #expect(closestMatch(to: "acronim", in: ["acronym", "name", "kind"]) == "acronym")
        #expect(closestMatch(to: String(repeating: "a", count: 100), in: [String(repeating: "a", count: 99)]) == nil, "too long to suggest")
        #expect(closestMatch(to: "abc", in: ["abcdefgh"]) == nil)
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(quotedList((0..<25).map { "id\($0)" }, limit: 3) == "'id0', 'id1', 'id10' and 22 more")
    }
}
