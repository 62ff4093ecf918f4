import Foundation
import Testing
@testable import OutreachKit

/// The print design without a browser: QR codes in the document and the page,
/// the manifest's print options, the wallet sheet's slots and line budget.
@Suite(.hangGuard) struct PrintDesignTests {
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
        let html = String(decoding: try #require(plan.outputs.first { $0.path == "recognize-and-report.html" }).contents, as: UTF8.self)
        #expect(html.contains("<section class=\"card has-qr\">"))
        #expect(html.contains("<figure class=\"card-qr\" data-qr=\"https://humantraffickinghotline.org\"><svg class=\"qr\""))
        #expect(html.contains("<figcaption>humantraffickinghotline.org</figcaption></figure>"))
        #expect(html.contains("<dd class=\"main-number\"><a href=\"tel:+18883737888\""), "the main number prints large")
        #expect(html.contains("<html lang=\"en\" data-paper=\"letter\" data-page-budget=\"1\">"))
    }

    @Test func qrCodesOffLeavesTheTextAndDrawsNoCode() async throws {
        let kit = try Fixture()
        try kit.edit("outreach.yml", replacing: "  textWidth: 72\n", with: "  textWidth: 72\n  qrCodes: false\n")
        let plan = try await kit.plan(filters: GenerateFilters(formats: ["html", "wallet-card"]))
        #expect(!plan.outputs.isEmpty)
        // The partner's logo, an SVG asset, is copied as it is; no page draws a code.
        for output in plan.outputs where output.format != "asset" {
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
        let html = String(decoding: try #require(plan.outputs.first { $0.path == "recognize-and-report-large-print.html" }).contents, as: UTF8.self)
        #expect(html.contains("<body class=\"layout-handout print-large\">"))
        #expect(html.contains("<html lang=\"en\" data-paper=\"letter\" data-page-budget=\"2\">"))
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

    @Test func lineCountWrapsWordsByTheFontsWidths() {
        // Ten columns: a line of 5 em. Liberation Sans: n and ñ 0.557 em (rounded up), i 0.223, m 0.834, a space 0.278.
        let sheet = CardSheet(perSheet: 10, lines: 13, columns: 10)
        #expect(sheet.lineCount("") == 1)
        #expect(sheet.lineCount("nnnn nnnn") == 1)
        #expect(sheet.lineCount("nnnnn nnnn") == 2, "the second word moves to a new line")
        #expect(sheet.lineCount("ññññ ññññ") == 1, "accented letters are as wide as their base letters")
        #expect(sheet.lineCount(String(repeating: "i", count: 20)) == 1)
        #expect(sheet.lineCount(String(repeating: "m", count: 20)) == 4, "a word wider than a line takes the lines it needs")
        #expect(sheet.lineCount("a\nb") == 2)
        #expect(sheet.lineCount("nnnn nnnn", style: .title) == 2, "the title is bold and larger")
        #expect(sheet.lineCount(words: [("nnnn", 0), ("nnn", 0)], style: .body) == 1)
        #expect(sheet.lineCount(words: [("nnnn", 0), ("nnn", 900)], style: .body) == 2, "a way's margin counts")
    }

    @Test func glyphWidthsAreTheFontsAdvanceWidths() {
        #expect(GlyphWidths.width(of: "n" as Unicode.Scalar, bold: false) == 557)
        #expect(GlyphWidths.width(of: "n" as Unicode.Scalar, bold: true) == 611)
        #expect(GlyphWidths.width(of: "m" as Unicode.Scalar, bold: false) == 834)
        #expect(GlyphWidths.width(of: "\u{2014}" as Unicode.Scalar, bold: false) == 1000, "em dash")
        #expect(GlyphWidths.width(of: "字" as Unicode.Scalar, bold: false) == 1000, "East Asian wide: an em")
        #expect(GlyphWidths.width(of: "\u{301}" as Unicode.Scalar, bold: false) == 0, "a combining mark rides on its letter")
        #expect(GlyphWidths.width(of: "\u{0627}" as Unicode.Scalar, bold: false) == GlyphWidths.fallback)
        #expect(GlyphWidths.width(of: "Cómo", bold: false) == 723 + 557 + 834 + 557)
        #expect(GlyphWidths.fontVersion.hasPrefix("Version "))
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

    @Test func proofFindingsAreCodedDiagnostics() {
        var m = PrintMeasurement(
            path: "out/sheet.html", paper: .a4, pages: 3, pageBudget: 2, reflowWidth: 533, widest: ["section.card > dl"],
            overflowing: [.init(element: "article.card", by: 14, tallerThanPage: false), .init(element: "ul", by: 40, tallerThanPage: true)],
            expectedQRCodes: ["https://a.org", "https://a.org", "tel:+18883737888"], decodedQRCodes: ["https://a.org", "https://b.org"],
            pageTexts: [], pdf: Data())
        let problems = PrintProof.diagnostics(for: m, at: SourceLocation(file: "outreach.yml"))
        #expect(problems.map(\.code) == [.overPageBudget, .printOverflow, .printOverflow, .reflowOverflow, .qrUnreadable, .qrUnreadable, .qrUnreadable])
        #expect(problems.allSatisfy { $0.severity == .error && $0.location?.file == "outreach.yml" })
        #expect(problems[0].message == "out/sheet.html prints on 3 pages on a4 paper; its budget is 2")
        #expect(problems[2].message.contains("'ul' is 40 px taller than a page, so it splits"))
        #expect(problems[3].message == "out/sheet.html is 533 px wide on a 320 px screen; widest: 'section.card > dl'")
        #expect(problems[4].message == "out/sheet.html: 1 of 2 QR codes for 'https://a.org' did not decode")
        #expect(problems[5].message == "out/sheet.html: 1 of 1 QR code for 'tel:+18883737888' did not decode")
        #expect(problems[6].message.contains("decodes to 'https://b.org', which the page does not name"))

        m.screenProblems = [
            .init(kind: .underQRCode, width: 640, element: "dd.main-number > a", text: "1-866-347-2423"),
            .init(kind: .underQRCode, width: 800, element: "dd.main-number > a", text: "1-866-347-2423"),
            .init(kind: .outOfCard, width: 480, element: "dd > a", text: "+1-802-872-6199"),
            .init(kind: .widerThanScreen, width: 320, element: "'section.card > dl'", text: "533"),
            .init(kind: .widerThanScreen, width: 480, element: "'section.card > dl'", text: "542"),
        ]
        let screen = PrintProof.screenDiagnostics(for: m, at: nil)
        #expect(screen.map(\.code) == [.reflowOverflow, .reflowOverflow, .reflowOverflow])
        #expect(screen.map(\.message) == [
            "out/sheet.html is 542 px wide on a 480 px screen; widest: 'section.card > dl'",
            "out/sheet.html: '1-866-347-2423' in 'dd.main-number > a' runs under a QR code on screens 640, 800 px wide",
            "out/sheet.html: '+1-802-872-6199' in 'dd > a' sticks out of its card on a screen 480 px wide",
        ], "320 px is reported once, from reflowWidth; a text is reported once with its widths")

        m = PrintMeasurement(path: "out/ok.html", paper: .letter, pages: 2, pageBudget: 2, reflowWidth: 320, widest: [],
                             overflowing: [], expectedQRCodes: ["x"], decodedQRCodes: ["x"], pageTexts: [], pdf: Data())
        #expect(PrintProof.diagnostics(for: m, at: nil).isEmpty)
    }

    @Test func withoutChromiumThePDFFormatNamesThePackage() async throws {
        let renderer = PDFRenderer(environment: ["PATH": "/nonexistent", "OUTREACH_CHROMIUM": ""])
        let document = Document(metadata: DocumentMetadata(title: "t", locale: "en", material: "m", layout: "handout"), blocks: [])
        do {
            _ = try await renderer.render(document, options: RenderOptions())
            Issue.record("rendered a PDF without Chromium")
        } catch let problem as Diagnostic {
            #expect(problem.code == .printToolMissing)
            #expect(problem.message == "the pdf format needs 'chromium', which is not on PATH")
            #expect(problem.hint?.contains("install the Debian package 'chromium'") == true)
        }
    }

    @Test func pdfDatesAreReplacedInPlace() {
        let pdf = Data("<</CreationDate (D:20261129191614+00'00') /ModDate (D:20261129191614+00'00')>> (D:12)".utf8)
        let fixed = PDFRenderer.normalised(pdf, date: "2026-01-15")
        #expect(String(decoding: fixed, as: UTF8.self)
                == "<</CreationDate (D:20260115000000+00'00') /ModDate (D:20260115000000+00'00')>> (D:12)")
        #expect(PDFRenderer.normalised(pdf, date: nil).count == pdf.count)
        #expect(String(decoding: PDFRenderer.normalised(pdf, date: nil), as: UTF8.self).contains("(D:19700101000000+"))
    }
}

