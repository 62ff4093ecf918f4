import Foundation
import Testing
@testable import OutreachKit

/// The wallet card's line budget (`cards: {lines, columns}` in
/// `Examples/formats/wallet-card/format.yml`) measured in headless Chromium,
/// in English and Spanish: a card whose text needs exactly the budget prints
/// without overflowing, and a card two lines over it overflows. So the budget
/// is what a card holds, never more (a clipped card), and less by under two
/// lines. (With the example's two contacts a card holds about 11.9 lines: one
/// line over the budget clips the last line's descenders by about 1 px, which
/// is within the proof's rounding.)
@Suite(.serialized, .hangGuard) struct WalletCardBudgetTests {
    /// The wallet sheet's design, as `format.yml` declares it.
    static let sheet = CardSheet(perSheet: 10, lines: 11, columns: 44)

    /// The example kit with its own copy of the template formats, the wallet
    /// sheet filled with the 'how-to-report' card only.
    static func kit() throws -> Fixture {
        let kit = try Fixture()
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Examples/formats"), to: kit.url("formats"))
        let manifest = try kit.read("outreach.yml")
        let formats = Repository.root.appendingPathComponent("Examples/formats").path
        try kit.write("outreach.yml", manifest.replacingOccurrences(of: "folder: \(formats)", with: "folder: formats"))
        try kit.edit("outreach.yml", replacing: "options: { fill: cycle }", with: "options: { fill: cycle, cards: [how-to-report] }")
        return kit
    }

    /// Sets the lines a card holds in the kit's copy of `format.yml`.
    static func setBudget(_ lines: Int, in kit: Fixture) throws {
        let descriptor = try kit.read("formats/wallet-card/format.yml")
        let changed = descriptor.replacingOccurrences(of: #"(?m)^  lines: \d+$"#, with: "  lines: \(lines)", options: .regularExpression)
        try #require(changed.contains("  lines: \(lines)\n"))
        try kit.write("formats/wallet-card/format.yml", changed)
    }

    /// Replaces the `short:` line of a message's front matter.
    static func setShort(_ text: String, of file: String, in kit: Fixture) throws {
        let message = try kit.read(file)
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        guard let line = message.range(of: #"(?m)^short: .*$"#, options: .regularExpression) else {
            Issue.record("\(file) has no short text")
            return
        }
        try kit.write(file, message.replacingCharacters(in: line, with: "short: \"\(escaped)\""))
    }

    /// The message's own words (its body, Markdown marks left out), repeated, made into the
    /// longest text that wraps to exactly `lines` lines at the sheet's columns: every line full.
    static func text(filling lines: Int, from file: String, in kit: Fixture) throws -> String {
        let body = try kit.read(file).components(separatedBy: "\n---\n").dropFirst().joined(separator: " ")
        let words = body.split(whereSeparator: \.isWhitespace).map(String.init)
            .filter { word in !word.contains { "#*[]()<>{}|`_".contains($0) } }
        try #require(words.count > 20)
        var text = ""
        for index in 0... {
            let word = words[index % words.count]
            let longer = text.isEmpty ? word : text + " " + word
            if sheet.lineCount(longer) > lines { break }
            text = longer
        }
        try #require(sheet.lineCount(text) == lines)
        return text
    }

    /// The wallet sheets of the kit proofed in Chromium on Letter, by path.
    static func proofWalletSheets(_ kit: Fixture) async throws -> [String: PrintMeasurement] {
        let proof = PrintProof(generator: Generator(environment: try CleanEnvironment.make()),
                               proofer: PrintProofer(environment: try CleanEnvironment.make()))
        let result = try await proof.run(manifest: kit.manifest, displayPath: "outreach.yml",
                                         filters: GenerateFilters(materials: ["wallet-cards"]))
        return Dictionary(uniqueKeysWithValues: result.measurements.map { ($0.path, $0) })
    }

    @Test func aCardAtItsLineBudgetFitsAndTwoLinesMoreOverflow() async throws {
        let kit = try Self.kit()
        let messages = ["out/wallet-cards.html": "content/messages/how-to-report.md",
                        "out/es/wallet-cards.html": "content/messages/how-to-report.es.md"]
        // The lines a card needs besides its short text: its title and the contacts, read from
        // the error a one-line budget gives for a one-word short text.
        try Self.setBudget(1, in: kit)
        for file in messages.values { try Self.setShort("Report.", of: file, in: kit) }
        let problems = await kit.problems()
        var others: [String: Int] = [:]
        for (sheet, file) in messages {
            let problem = try #require(problems.first { $0.code == .cardOverBudget && $0.location?.file.hasSuffix(file) == true },
                                       "\(problems.map(\.description))")
            let needed = try #require(Int(problem.message.split(separator: " ").first { Int($0) != nil } ?? ""))
            others[sheet] = needed - 1
        }

        // At the budget: the text fills every line the card has left; Chromium prints it whole.
        try Self.setBudget(Self.sheet.lines, in: kit)
        for (sheet, file) in messages {
            let left = Self.sheet.lines - (others[sheet] ?? 0)
            try #require(left >= 1, "\(sheet): the card's title and contacts take \(others[sheet] ?? 0) lines")
            try Self.setShort(try Self.text(filling: left, from: file, in: kit), of: file, in: kit)
        }
        let fits = try await Self.proofWalletSheets(kit)
        for sheet in messages.keys {
            let m = try #require(fits[sheet], "\(fits.keys.sorted())")
            #expect(m.pages == 1, "\(sheet)")
            #expect(m.overflowing.isEmpty, "\(sheet): a card at its budget of \(Self.sheet.lines) lines overflows: \(m.overflowing)")
        }

        // Two lines over: generate refuses it at the budget; with the budget raised to let it through,
        // Chromium shows that the card cannot hold it.
        for (sheet, file) in messages {
            let left = Self.sheet.lines + 2 - (others[sheet] ?? 0)
            try Self.setShort(try Self.text(filling: left, from: file, in: kit), of: file, in: kit)
        }
        let refused = await kit.problems().filter { $0.code == .cardOverBudget }
        #expect(refused.count == 2, "\(refused.map(\.description))")
        try Self.setBudget(Self.sheet.lines + 2, in: kit)
        let over = try await Self.proofWalletSheets(kit)
        for sheet in messages.keys {
            let m = try #require(over[sheet])
            #expect(m.overflowing.contains { $0.element.contains("wallet-card") },
                    "\(sheet): a card two lines over its budget of \(Self.sheet.lines) fits, so the budget is not what a card holds")
        }
    }

    @Test func theSheetDesignMatchesTheFormat() throws {
        let descriptor = try String(contentsOf: Repository.root.appendingPathComponent("Examples/formats/wallet-card/format.yml"), encoding: .utf8)
        #expect(descriptor.contains("  perSheet: \(Self.sheet.perSheet)\n  lines: \(Self.sheet.lines)\n  columns: \(Self.sheet.columns)\n"))
    }
}
