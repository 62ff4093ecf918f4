import Foundation
import Testing
@testable import OutreachKit

/// The print design without a browser: QR codes in the document and the page,
/// the manifest's print options, the wallet sheet's slots and line budget.
@Suite(.timeLimit(.minutes(1))) struct PrintDesignTests {
    @Test func aQRCodeHasItsQuietZoneAndOneModuleGridPerVersion() throws {
        let code = try #require(QRCode("https://humantraffickinghotline.org"))
        #expect(code.size == 29, "35 bytes at level M need version 3 (29 modules)")
        let side = code.size + 8
        let svg = code.svg(escapedLabel: "QR code: humantraffickinghotline.org")
        #expect(svg.contains("viewBox=\"0 0 \(side) \(side)\""))
        // The three finder patterns: a dark 7-module square at three corners, inside the quiet zone.
        for (row, column) in [(0, 0), (0, code.size - 7), (code.size - 7, 0)] {
            #expect((0..<7).allSatisfy { code.isDark(row: row, column: column + $0) && code.isDark(row: row + 6, column: column + $0) })
            #expect(!code.isDark(row: row + 1, column: column + 1))
        }
        #expect(svg.hasPrefix("<svg class=\"qr\"") && svg.contains("role=\"img\""))
        #expect(QRCode("") == nil)
        #expect(QRCode(String(repeating: "x", count: 5000)) == nil, "too long for any QR version")
    }

    @Test func contactCardsCarryTheirQRTargetAndTheHTMLDrawsItBesideTheAddress() async throws {
        let kit = try Fixture()
        let plan = try await kit.plan(filters: GenerateFilters(materials: ["recognize-and-report"], formats: ["html"]))
        let html = String(decoding: try #require(plan.outputs.first).contents, as: UTF8.self)
        #expect(html.contains("<section class=\"card has-qr\">"))
        #expect(html.contains("<figure class=\"card-qr\" data-qr=\"https://humantraffickinghotline.org\"><svg class=\"qr\""))
        #expect(html.contains("<figcaption>humantraffickinghotline.org</figcaption></figure>"))
        #expect(html.contains("<dd class=\"main-number\"><a href=\"tel:+18883737888\""), "the main number prints large")
        #expect(html.contains("<meta name=\"outreach-page-budget\" content=\"1\">"))
    }

    @Test func qrCodesOffLeavesTheTextAndDrawsNoCode() async throws {
        let kit = try Fixture()
        try kit.edit("outreach.yml", replacing: "  textWidth: 72\n", with: "  textWidth: 72\n  qrCodes: false\n")
        let plan = try await kit.plan(filters: GenerateFilters(formats: ["html", "wallet-card"]))
        #expect(!plan.outputs.isEmpty)
        for output in plan.outputs {
            let html = String(decoding: output.contents, as: UTF8.self)
            #expect(!html.contains("<svg"), "\(output.path)")
            #expect(!html.contains("data-qr"), "\(output.path)")
        }
        let handout = String(decoding: try #require(plan.outputs.first { $0.path == "recognize-and-report.html" }).contents, as: UTF8.self)
        #expect(handout.contains("humantraffickinghotline.org"))
    }

    @Test func largePrintDoublesTheBudgetAndMarksTheBody() async throws {
        let kit = try Fixture()
        let plan = try await kit.plan(filters: GenerateFilters(materials: ["recognize-and-report-large-print"]))
        let html = String(decoding: try #require(plan.outputs.first).contents, as: UTF8.self)
        #expect(html.contains("<body class=\"layout-handout print-large\">"))
        #expect(html.contains("<meta name=\"outreach-page-budget\" content=\"2\">"))
    }

    @Test func anUnknownPrintSizeIsALocatedError() async throws {
        let kit = try Fixture()
        try kit.edit("outreach.yml", replacing: "  textWidth: 72\n", with: "  textWidth: 72\n  print: huge\n")
        let problem = await kit.problems().one(containing: "unknown print 'huge'")
        #expect(problem?.code == .unknownChoice)
        #expect(problem?.hint?.contains("'large', 'standard'") == true)
    }

    @Test func theRunningFooterIsACSSStringThatCannotCloseTheStyleElement() {
        #expect(CSSString.literal("Figures: \"DHS\" (2014)") == "\"Figures: \\\"DHS\\\" (2014)\"")
        let hostile = CSSString.literal("</style><script>x</script>\\\n&")
        #expect(!hostile.contains("<") && !hostile.contains(">") && !hostile.contains("&") && !hostile.contains("\n"))
        #expect(hostile == "\"\\3c /style\\3e \\3c script\\3e x\\3c /script\\3e \\\\ \\26 \"")
    }

    @Test func theSheetFillsEverySlotByCyclingOrRepeating() throws {
        let sheet = CardSheet(perSheet: 10, lines: 13, columns: 44)
        let messages = ["a", "b", "c"].map { PlacedMessage(id: $0, locale: "en", title: $0) }
        #expect(try sheet.slots(of: messages, options: [:]).map(\.id) == ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a"])
        #expect(try sheet.slots(of: messages, options: ["fill": .string("repeat")]).map(\.id)
                == ["a", "a", "a", "a", "b", "b", "b", "c", "c", "c"])
        #expect(try sheet.slots(of: messages, options: ["cards": .array([.string("b")])]).map(\.id)
                == Array(repeating: "b", count: 10))
        #expect(throws: Diagnostic.self) { try sheet.slots(of: messages, options: ["cards": .array([.string("zz")])]) }
        #expect(throws: Diagnostic.self) { try sheet.slots(of: messages, options: ["fill": .string("shuffle")]) }
    }

    @Test func lineCountWrapsWordsAtTheColumns() {
        let sheet = CardSheet(perSheet: 10, lines: 13, columns: 10)
        #expect(sheet.lineCount("") == 1)
        #expect(sheet.lineCount("0123456789") == 1)
        #expect(sheet.lineCount("01234 56789") == 2)
        #expect(sheet.lineCount("0123 5678") == 1)
        #expect(sheet.lineCount(String(repeating: "x", count: 25)) == 3)
        #expect(sheet.lineCount("a\nb") == 2)
    }

    @Test func anOverlongWalletCardIsAnErrorAtItsMessage() async throws {
        let kit = try Fixture()
        let long = String(repeating: "Call the hotline if you see these signs of trafficking. ", count: 6)
        try kit.edit("content/messages/how-to-report.md", replacing: "short: \"Recognize", with: "short: \"\(long)Recognize")
        let problems = await kit.problems()
        let problem = problems.one(containing: "the card for message 'how-to-report' needs ")
        #expect(problem?.code == .cardOverBudget)
        #expect(problem?.location?.file.hasSuffix("messages/how-to-report.md") == true, "\(String(describing: problem?.location))")
    }
}
