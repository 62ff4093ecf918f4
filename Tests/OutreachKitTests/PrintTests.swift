import Foundation
import Testing
@testable import OutreachKit

/// Tests in a real browser: the example kit printed by headless Chromium on
/// Letter and A4, measured at 320 CSS px, its QR codes decoded with zbar.
///
/// They never skip: without Chromium, poppler-utils and zbar-tools they fail,
/// naming the package (`Scripts/setup` installs them, locally and in CI).
@Suite(.serialized, .hangGuard) struct PrintTests {
    /// The kit proofed on each paper, once for the whole suite.
    static let letter = Task { try await proofing(paper: .letter) }
    static let a4 = Task { try await proofing(paper: .a4) }

    static func proof(paper: Paper) async throws -> PrintProof.Result {
        try await (paper == .letter ? letter : a4).value
    }

    /// The kit with its paper set to `paper`, proofed.
    static func proofing(paper: Paper) async throws -> PrintProof.Result {
        let kit = try Fixture()
        try kit.edit("outreach.yml", replacing: "paper: letter", with: "paper: \(paper.rawValue)")
        let proof = PrintProof(generator: Generator(environment: try CleanEnvironment.make()),
                               proofer: PrintProofer(environment: try CleanEnvironment.make()))
        return try await proof.run(manifest: kit.manifest, displayPath: "outreach.yml")
    }

    @Test(arguments: [Paper.letter, .a4]) func exampleKitFitsItsPageBudgets(paper: Paper) async throws {
        let result = try await Self.proof(paper: paper)
        #expect(!result.failed, "\(result.diagnostics.map(\.description))")
        let pages = Dictionary(uniqueKeysWithValues: result.measurements.map { ($0.path, $0.pages) })
        #expect(pages["out/government-roles.html"].map { (1...2).contains($0) } == true, "\(pages)")
        #expect(pages["out/recognize-and-report.html"] == 1, "\(pages)")
        #expect(pages["out/recognize-and-report-large-print.html"].map { (1...2).contains($0) } == true, "\(pages)")
        #expect(pages["out/wallet-cards.html"] == 1, "\(pages)")
        let profiles = result.measurements.filter { $0.path.hasPrefix("out/profiles/") }
        #expect(profiles.count == 7)
        for profile in profiles { #expect(profile.pages == 1, "\(profile.path) prints on \(profile.pages) pages") }
        let sectors = result.measurements.filter { $0.path.hasPrefix("out/sectors/") || $0.path.hasPrefix("out/es/sectors/") }
        #expect(sectors.count == 10, "five sector handouts, in English and Spanish")
        for sector in sectors { #expect(sector.pages == 1, "\(sector.path) prints on \(sector.pages) pages") }
        for m in result.measurements {
            #expect(m.paper == paper, "\(m.path)")
            #expect(m.pageBudget != nil, "\(m.path) declares its page budget")
            #expect(m.overflowing.isEmpty, "\(m.path): \(m.overflowing)")
        }
    }

    /// The blocks that must never split across pages: each list (its first and last item) and each
    /// contact card (its name and its last line), as pairs of texts that must share a printed page.
    static func unsplittables(_ blocks: [Block]) -> [(what: String, first: String, last: String)] {
        var found: [(String, String, String)] = []
        for block in blocks {
            switch block {
            case .section(let section): found += unsplittables(section.blocks)
            case .quote(let inner): found += unsplittables(inner)
            case .list(_, let items) where items.count > 1:
                found.append(("list", LayoutTests.text(items[0]), LayoutTests.text(items[items.count - 1])))
                found += items.flatMap(unsplittables)
            case .contactCard(let card):
                let last = card.notes.last?.plainText ?? card.entries.last?.value ?? card.name
                found.append(("contact card", card.name, last))
            default: break
            }
        }
        return found
    }

    /// The printed pages on which `text` may begin: those with its first three words, or its first two
    /// (a narrow column may break the line after them), on one line of the page's text, with pdftotext's
    /// column gaps kept apart. A one-word text is looked up alone.
    static func pages(startingWith text: String, in pageTexts: [String]) -> Set<Int> {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let lines = pageTexts.map { page in
            page.split(separator: "\n").map { line in
                line.replacingOccurrences(of: #" {2,}"#, with: " | ", options: .regularExpression)
            }
        }
        var found: Set<Int> = []
        for count in Set([min(3, words.count), min(2, words.count)]) where count > 0 {
            let prefix = words.prefix(count).joined(separator: " ")
            found.formUnion(lines.indices.filter { index in lines[index].contains { $0.contains(prefix) } })
        }
        return found
    }

    /// The check can fail: a list whose first item is on page 1 and last on page 2 is found split,
    /// also when a narrow column breaks its first line after two words.
    @Test func aSplitIsSeenInThePagesText() {
        let pages = ["Title\nFirst item of the      Other column text\nlist\n        1/2\n", "Last item here\nFooter        2/2\n"]
        #expect(Self.pages(startingWith: "First item of the list", in: pages) == [0])
        #expect(Self.pages(startingWith: "Last item here", in: pages) == [1])
        #expect(Self.pages(startingWith: "First item of the list", in: pages).isDisjoint(with: Self.pages(startingWith: "Last item here", in: pages)))
        #expect(Self.pages(startingWith: "Other column text", in: pages) == [0], "column gaps do not join words")
        #expect(Self.pages(startingWith: "text Nowhere", in: pages).isEmpty)
    }

    /// "No list or card split": in every multi-page output, on both papers, each list's first and last
    /// items and each card's name and last line are on one printed page.
    @Test(arguments: [Paper.letter, .a4]) func noListOrCardSplitsAcrossPages(paper: Paper) async throws {
        let result = try await Self.proof(paper: paper)
        let documents = try LayoutTests.documents()
        var checked = 0
        for m in result.measurements where m.pages > 1 {
            let document = try #require(documents[String(m.path.dropFirst("out/".count))], "\(m.path)")
            for block in Self.unsplittables(document.blocks) {
                let first = Self.pages(startingWith: block.first, in: m.pageTexts)
                let last = Self.pages(startingWith: block.last, in: m.pageTexts)
                // A text pdftotext broke beyond recognition is not a finding; the count below keeps the test honest.
                guard !first.isEmpty, !last.isEmpty else { continue }
                checked += 1
                #expect(!first.isDisjoint(with: last),
                        "\(m.path) on \(paper.rawValue): a \(block.what) starts on page \(first.sorted()) and ends on page \(last.sorted()): \(quoted(String(block.first.prefix(40))))")
            }
        }
        #expect(checked >= 20, "only \(checked) lists and cards were found in the printed pages")
    }

    /// Each page is measured in the page box its own `@page` rule gives: the built-in page's
    /// margins (0.5 in, 0.6 in at the foot on Letter; 13 mm, 15 mm at the foot on A4) and the
    /// wallet sheet's (0.5 in by 0.6 in), not one approximate width for every page.
    @Test(arguments: [Paper.letter, .a4]) func proofMeasuresEachPageInItsOwnPageBox(paper: Paper) async throws {
        let result = try await Self.proof(paper: paper)
        let inch = 96.0, mm = 96 / 25.4
        let (width, height) = paper == .letter ? (8.5 * inch, 11 * inch) : (210 * mm, 297 * mm)
        let page = try #require(result.measurements.first { $0.path == "out/recognize-and-report.html" })
        let wallet = try #require(result.measurements.first { $0.path == "out/wallet-cards.html" })
        let expected = paper == .letter ? (page: (width - inch, height - 1.1 * inch), wallet: (width - 1.2 * inch, height - inch))
                                        : (page: (width - 26 * mm, height - 28 * mm), wallet: (width - 1.2 * inch, height - inch))
        #expect(abs(page.pageWidth - expected.page.0) < 0.5 && abs(page.pageHeight - expected.page.1) < 0.5, "\(page.pageWidth) x \(page.pageHeight)")
        #expect(abs(wallet.pageWidth - expected.wallet.0) < 0.5 && abs(wallet.pageHeight - expected.wallet.1) < 0.5, "\(wallet.pageWidth) x \(wallet.pageHeight)")
    }

    @Test func everyPageCarriesTheRunningFooter() async throws {
        let result = try await Self.proof(paper: .letter)
        let pages = result.measurements.filter { !$0.path.hasSuffix("wallet-cards.html") }
        #expect(!pages.isEmpty)
        for m in pages {
            for (index, text) in m.pageTexts.enumerated() {
                // pdftotext drops the spaces around the slash of "1 / 2" at the foot of the page.
                let last = text.split(separator: "\n").last { !$0.allSatisfy(\.isWhitespace) } ?? ""
                #expect(last.filter { $0 != " " }.hasSuffix("\(index + 1)/\(m.pages)"), "\(m.path) page \(index + 1) ends \(last)")
            }
        }
        let factSheet = try #require(pages.first { $0.path == "out/government-roles.html" })
        #expect(factSheet.pageTexts.allSatisfy { $0.contains("Figures:") }, "the source line is on every page")
        #expect(factSheet.pageTexts[0].contains("1-888-373-7888"), "the hotline is on page 1")
    }

    @Test func noOutputScrollsSidewaysAt320Pixels() async throws {
        let result = try await Self.proof(paper: .letter)
        // Every HTML output the kit makes is measured, in every locale it is made in.
        let html = try await Fixture().plan().outputs.map(\.path).filter { $0.hasSuffix(".html") }
        #expect(result.measurements.map(\.path).sorted() == html.map { "out/" + $0 }.sorted())
        #expect(result.measurements.contains { $0.path == "out/es/wallet-cards.html" }, "the Spanish outputs are proofed too")
        for m in result.measurements {
            #expect(m.reflowWidth <= 320, "\(m.path) is \(m.reflowWidth) px wide: \(m.widest)")
            #expect(m.screenProblems.isEmpty, "\(m.path): \(m.screenProblems)")
        }
    }

    /// The screen check sees what a reader would: the handout with the card layout it had
    /// before (labels as wide as the longest, the QR code beside the text at every width) puts
    /// the ICE tip line's number under its QR code on screens from 480 to 1280 px.
    @Test func theScreenCheckSeesANumberUnderAQRCode() async throws {
        let kit = try Fixture()
        let plan = try await kit.plan(filters: GenerateFilters(materials: ["recognize-and-report"], formats: ["html"]))
        var page = String(decoding: try #require(plan.outputs.first { $0.path == "recognize-and-report.html" }).contents, as: UTF8.self)
        let old = ".card dl { display: grid; grid-template-columns: fit-content(40%) minmax(0, 1fr); gap: 0.25rem 1rem; }"
        try #require(page.contains(old) && page.contains("@media screen and (max-width: 44rem) {"))
        page = page.replacingOccurrences(of: old, with: ".card dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }")
            .replacingOccurrences(of: "@media screen and (max-width: 44rem) {", with: "@media (max-width: 0) {")
        let file = kit.url("old-cards.html")
        try kit.write("old-cards.html", page)
        var proofer = PrintProofer(environment: try CleanEnvironment.make())
        proofer.decodesQRCodes = false
        let measuring = proofer
        let m = try #require(try await onOwnThread { () throws(DiagnosticError) in try measuring.measure([(path: "old-cards.html", url: file)]) }.first)
        let under = m.screenProblems.filter { $0.kind == .underQRCode && $0.text == "1-866-347-2423" }
        #expect(Set(under.map(\.width)).isSuperset(of: [640, 800, 1280]), "\(m.screenProblems)")
        #expect(m.reflowWidth <= 320, "320 px has its own layout, which was right")
        let problems = PrintProof.diagnostics(for: m, at: nil).filter { $0.code == .reflowOverflow }
        #expect(problems.contains { $0.message.contains("'1-866-347-2423' in 'dd.main-number > a.bare-url' runs under a QR code on screens ") }, "\(problems.map(\.message))")
    }

    @Test func everyQRCodeDecodesToItsAddress() async throws {
        let result = try await Self.proof(paper: .letter)
        let handout = try #require(result.measurements.first { $0.path == "out/recognize-and-report.html" })
        #expect(handout.expectedQRCodes == ["https://humantraffickinghotline.org", "https://www.ice.gov/tips"])
        for m in result.measurements {
            #expect(m.decodedQRCodes == m.expectedQRCodes.sorted(), "\(m.path)")
        }
        let wallet = try #require(result.measurements.first { $0.path == "out/wallet-cards.html" })
        #expect(wallet.decodedQRCodes == Array(repeating: "https://humantraffickinghotline.org", count: 10))
    }

    @Test func theWalletSheetHoldsTenFilledCardsThatFit() async throws {
        let kit = try Fixture()
        let plan = try await kit.plan(filters: GenerateFilters(materials: ["wallet-cards"]))
        let html = try #require(plan.outputs.first { $0.path == "wallet-cards.html" }.map { String(decoding: $0.contents, as: UTF8.self) })
        let cards = html.components(separatedBy: "<article class=\"card wallet-card\" data-message=\"").dropFirst()
        #expect(cards.count == 10)
        let ids = cards.map { String($0.prefix { $0 != "\"" }) }
        #expect(ids == ["recognize-the-signs", "how-to-report", "everyone-has-a-role", "immigration-relief",
                        "recognize-the-signs", "how-to-report", "everyone-has-a-role", "immigration-relief",
                        "recognize-the-signs", "how-to-report"])
        for card in cards { #expect(card.contains("<h2>") && card.contains("1-888-373-7888"), "every card is filled") }
        let result = try await Self.proof(paper: .letter)
        let wallet = try #require(result.measurements.first { $0.path == "out/wallet-cards.html" })
        #expect(wallet.pages == 1)
        #expect(wallet.overflowing.isEmpty, "\(wallet.overflowing)")
    }

    @Test func proofPassesOnTheExampleAndFailsOnAnOverlongFactSheet() async throws {
        let kit = try Fixture()
        let good = try await CommandLineTests.run(["proof"], in: kit.root)
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.stdout.contains("out/recognize-and-report.html: 1 letter page (budget 1)"), "\(good.stdout)")
        let html = try await kit.plan().outputs.filter { $0.path.hasSuffix(".html") }.count
        #expect(good.stdout.hasSuffix("\(html) HTML outputs fit their paper\n"), "\(good.stdout)")
        #expect(!FileManager.default.fileExists(atPath: kit.output.path), "proof writes nothing into the output folder")

        let filler = (1...40).map { "Paragraph \($0) of an over-long summary that no fact sheet budget can hold on two pages." }
        try kit.edit("content/campaign.yml", replacing: "summary:\n  en: |\n", with: "summary:\n  en: |\n    \(filler.joined(separator: "\n\n    "))\n\n")
        let bad = try await CommandLineTests.run(["proof", "--material", "government-roles", "--diagnostics", "github"], in: kit.root)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("::error file=outreach.yml,title=OUT0703::out/government-roles.html prints on "), "\(bad.stderr)")
        let json = try await CommandLineTests.run(["proof", "--material", "government-roles", "--report", "json"], in: kit.root)
        #expect(json.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["ok"] as? Bool == false)
        let problems = report["diagnostics"] as? [[String: Any]] ?? []
        #expect(problems.contains { $0["code"] as? String == "OUT0703" }, "\(problems)")
    }

    @Test func pdfIsOnePageOfLetterWithTitleAndLanguageAndRepeatsItsBytes() async throws {
        let kit = try Fixture(keepingPDF: true)
        let filters = GenerateFilters(materials: ["recognize-and-report"], formats: ["pdf"])
        let first = try await kit.plan(filters: filters, environment: try CleanEnvironment.make())
        let pdf = try #require(first.outputs.first { $0.path == "recognize-and-report.pdf" })
        let text = String(decoding: pdf.contents, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-"))
        #expect(text.contains("/Title (Recognize and report human trafficking)"))
        #expect(text.contains("/Lang (en)"))
        #expect(text.contains("/MediaBox [0 0 612 792]"), "Letter: 8.5 x 11 in")
        #expect(!text.contains("(D:2"), "Chromium's print time is replaced")
        let again = try await kit.plan(filters: filters, environment: try CleanEnvironment.make())
        #expect(again.outputs.first { $0.path == "recognize-and-report.pdf" }?.contents == pdf.contents)
    }

    /// The README's picture: the handout's first printed page at 40 dpi, made
    /// from the same print as the checks above. `OUTREACH_RECORD_SCREENSHOT=1`
    /// rewrites `Docs/printed-handout.png`; otherwise the test checks it is there.
    @Test func theReadmePictureIsTheHandoutAsPrinted() async throws {
        let result = try await Self.proof(paper: .letter)
        let handout = try #require(result.measurements.first { $0.path == "out/recognize-and-report.html" })
        let folder = try Fixture(copyingExample: false).root
        let pdf = folder.appendingPathComponent("handout.pdf")
        try handout.pdf.write(to: pdf)
        let made = try await runProcess(URL(fileURLWithPath: "/usr/bin/pdftoppm"),
                                        ["-r", "40", "-png", "-singlefile", "-f", "1", "-l", "1", pdf.path, "handout"], in: folder)
        #expect(made.status == 0, "\(made.stderr)")
        let png = try Data(contentsOf: folder.appendingPathComponent("handout.png"))
        let signature = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(png.prefix(8) == signature)
        let picture = Repository.root.appendingPathComponent("Docs/printed-handout.png")
        if ProcessInfo.processInfo.environment["OUTREACH_RECORD_SCREENSHOT"] == "1" {
            try FileManager.default.createDirectory(at: picture.deletingLastPathComponent(), withIntermediateDirectories: true)
            try png.write(to: picture)
        }
        let committed = try Data(contentsOf: picture)
        #expect(committed.prefix(8) == signature)
        // Width and height in the IHDR chunk: 8.5 x 11 inches at 40 dpi.
        let width = committed[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = committed[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 340 && height == 440, "\(width) x \(height)")
    }
}
