import Foundation
import Testing
@testable import OutreachCLI
@testable import OutreachKit

/// Every code is unique, documented in the DocC index, and drives exit statuses without reading messages.
@Suite struct DiagnosticCodeTests {
    static let article = Repository.root.appendingPathComponent("Sources/OutreachKit/OutreachKit.docc/DiagnosticCodes.md")

    /// The article's codes, each with the kind its entry names: `### OUT0110` then ``Kind: `manifest`.``.
    static func documented() throws -> [(code: String, kind: String)] {
        let lines = try String(contentsOf: article, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var entries: [(String, String)] = []
        for (index, line) in lines.enumerated() where line.hasPrefix("### ") {
            let code = String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces)
            let kindLine = lines[(index + 1)...].first { !$0.isEmpty } ?? ""
            let kind = kindLine.hasPrefix("Kind: `") ? String(kindLine.dropFirst(7).prefix { $0 != "`" }) : ""
            entries.append((code, kind))
        }
        return entries
    }

    @Test func everyCodeIsInTheArticleWithItsKindAndNothingElseIs() async throws {
        let documented = try Self.documented()
        let codes = DiagnosticCode.allCases.map(\.rawValue)
        #expect(Set(documented.map(\.code)) == Set(codes), "missing: \(Set(codes).subtracting(documented.map(\.code))); unknown: \(Set(documented.map(\.code)).subtracting(codes))")
        #expect(documented.count == Set(documented.map(\.code)).count, "an entry is listed twice")
        #expect(documented.map(\.code) == codes.sorted(), "the article lists the codes in order")
        for entry in documented {
            let code = try #require(DiagnosticCode(rawValue: entry.code))
            #expect(entry.kind == code.kind.rawValue, "\(entry.code) is documented as '\(entry.kind)'")
        }
    }

    @Test func everyEntryHasAnExampleThatEndsWithItsCodeAndAFix() async throws {
        let text = try String(contentsOf: Self.article, encoding: .utf8)
        for code in DiagnosticCode.allCases {
            let section = try #require(text.components(separatedBy: "### \(code.rawValue)\n").dropFirst().first)
                .components(separatedBy: "\n### ").first ?? ""
            let example = section.components(separatedBy: "```\n").dropFirst().first ?? ""
            #expect(example.contains(code.rawValue), "\(code.rawValue)'s example shows its code")
            #expect(section.contains("To fix it: "), "\(code.rawValue) says how to fix it")
        }
    }

    @Test func codesAreUniqueWellFormedAndGroupedByArea() async {
        let codes = DiagnosticCode.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        for code in DiagnosticCode.allCases {
            #expect(code.rawValue.count == 7 && code.rawValue.hasPrefix("OUT") && code.rawValue.dropFirst(3).allSatisfy(\.isNumber),
                    "\(code.rawValue)")
            #expect((0...7).contains(code.number / 100), "\(code.rawValue) is in no area")
            #expect(code.number % 100 != 0, "\(code.rawValue): codes of an area start at 01")
        }
        #expect(DiagnosticCode.unknownMaterialFilter.kind == .usage)
        #expect(DiagnosticCode.contentFolderMissing.kind == .content)
        #expect(Set(DiagnosticCode.allCases.map(\.kind)) == Set(DiagnosticCode.Kind.allCases))
    }

    @Test func exitStatusComesFromTheKindNotTheWording() async {
        // A usage problem whose wording says nothing of an option is still bad usage.
        #expect(exitStatus(for: [.error(.unknownFormatFilter, "no such format 'pdf'")]) == 2)
        #expect(exitStatus(for: [.error(.unknownMaterialFilter, "'poster'?"), .warning(.smsSegments, "long")]) == 2)
        // A content problem that happens to mention an option is not.
        #expect(exitStatus(for: [.error(.unknownReference, "unknown agency 'x' given to --format")]) == 1)
        #expect(exitStatus(for: [.error(.unknownFormatFilter, "x"), .error(.missingKey, "y")]) == 1)
    }

    @Test func jsonAndGitHubOutputCarryTheCode() async throws {
        let diagnostic = Diagnostic.error(.unknownLayout, "unknown layout 'leaflet'", at: SourceLocation(file: "outreach.yml", line: 2, column: 3))
        #expect(DiagnosticPrinter.workflowCommand(diagnostic) == "::error file=outreach.yml,line=2,col=3,title=OUT0110::unknown layout 'leaflet'")
        #expect(DiagnosticPrinter.workflowCommand(.warning(.smsSegments, "long")) == "::warning title=OUT0701::long")
        let report = RunReport(mode: "generate", manifest: "outreach.yml", output: nil, files: [], diagnostics: [diagnostic], ok: false)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let problem = try #require((json["diagnostics"] as? [[String: Any]])?.first)
        #expect(problem["code"] as? String == "OUT0110")
        #expect(problem["kind"] as? String == "manifest")
    }

    @Test func aBadContentRunExitsOneAndABadOptionTwo() async throws {
        let content = try Fixture()
        try content.edit("content/agencies.yml", replacing: "kind: dhs-component", with: "kind: bureau")
        let bad = try await CommandLineTests.run(["generate", "--report", "json"], in: content.root)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("\"code\" : \"OUT0012\""), "\(bad.stdout)")
        let usage = try await CommandLineTests.run(["generate", "--material", "poster"], in: try Fixture().root)
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("(OUT0601)"))
    }
}
