import Foundation

/// Prints HTML outputs in one headless Chromium and measures them: page
/// counts, overflowing elements, reflow at 320 CSS px, and QR codes decoded
/// with zbar from the printed pages.
package struct PrintProofer: Sendable {
    /// The environment, for `PATH` and `OUTREACH_CHROMIUM`.
    package var environment: [String: String]
    /// Seconds Chromium may take for the whole run.
    package var timeout: Double = 600
    /// Whether to rasterise pages and decode their QR codes.
    package var decodesQRCodes = true

    /// Creates a proofer.
    package init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Measures each file (path as named in messages, and its location on disk), printed on the
    /// paper its `@page` rule names (`<html data-paper>` says which for the checks).
    package func measure(_ files: [(path: String, url: URL)]) throws(DiagnosticError) -> [PrintMeasurement] {
        let chromium = try PrintTool.chromium.require(environment: environment, for: "printing HTML")
        let pdftoppm = try PrintTool.pdftoppm.require(environment: environment, for: "counting printed pages")
        let zbarimg = decodesQRCodes ? try PrintTool.zbarimg.require(environment: environment, for: "decoding QR codes") : nil
        let browser: DevToolsSession
        do {
            browser = try DevToolsSession(chromium: chromium, timeout: timeout)
        } catch {
            throw DiagnosticError([.error(.printFailed, "Chromium did not start: \(error)")])
        }
        defer { browser.close() }
        var results: [PrintMeasurement] = []
        for file in files {
            do {
                results.append(try measure(file, browser: browser, pdftoppm: pdftoppm, zbarimg: zbarimg))
            } catch {
                throw DiagnosticError([.error(.printFailed, "\(file.path): Chromium could not print it: \(error)")])
            }
        }
        return results
    }

    private func measure(
        _ file: (path: String, url: URL), browser: DevToolsSession, pdftoppm: URL, zbarimg: URL?
    ) throws -> PrintMeasurement {
        try browser.open(file.url)
        let paperName = try browser.evaluate(
            "document.documentElement.dataset.paper || 'letter'") as? String
        let paper = Paper(rawValue: (paperName ?? "letter").lowercased()) ?? .letter
        var reflow: [String: Any] = [:]
        var screenProblems: [PrintMeasurement.ScreenProblem] = []
        for width in Self.screenWidths {
            try browser.emulate(width: width)
            let screen = try browser.evaluate(Self.screenScript(width: width)) as? [String: Any] ?? [:]
            if width == Self.screenWidths[0] { reflow = screen }
            screenProblems += Self.screenProblems(screen, width: width)
        }
        try browser.emulate(width: nil, print: true)
        let box = try browser.evaluate(Self.pageBoxScript(paper: paper)) as? [String: Any] ?? [:]
        let boxWidth = (box["width"] as? NSNumber)?.doubleValue ?? paper.sizePx.width
        let boxHeight = (box["height"] as? NSNumber)?.doubleValue ?? paper.sizePx.height
        // Laid out at the page box's width and measured against its height, both in whole px and
        // rounded down: a proof may be a fraction of a px stricter than the print, never looser.
        try browser.emulate(width: Int(boxWidth.rounded(.down)), print: true)
        let printed = try browser.evaluate(Self.printScript(pageHeight: Int(boxHeight.rounded(.down)))) as? [String: Any] ?? [:]
        try browser.emulate(width: nil)
        let pdf = try browser.printToPDF()

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outreach-proof-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdfFile = folder.appendingPathComponent("page.pdf")
        try pdf.write(to: pdfFile)
        let pdftotext = pdftoppm.deletingLastPathComponent().appendingPathComponent("pdftotext")
        let text = try ToolRun.output(pdftotext, ["-layout", pdfFile.path, "-"])
        var pageTexts = text.components(separatedBy: "\u{0C}")
        if pageTexts.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pageTexts.removeLast() }

        var decoded: [String] = []
        let expected = printed["qr"] as? [String] ?? []
        if let zbarimg, !expected.isEmpty {
            _ = try ToolRun.output(pdftoppm, ["-r", "200", "-gray", "-png", pdfFile.path, folder.appendingPathComponent("page").path])
            let images = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }.sorted()
            for image in images {
                let found = try ToolRun.output(zbarimg, ["-q", "--raw", "-Sdisable", "-Sqrcode.enable", folder.appendingPathComponent(image).path],
                                               allowedStatuses: [0, 4])
                decoded += found.split(separator: "\n").map(String.init)
            }
        }
        let overflowing = (printed["overflow"] as? [[String: Any]] ?? []).map {
            PrintMeasurement.Overflow(element: $0["element"] as? String ?? "?", by: ($0["by"] as? NSNumber)?.intValue ?? 0,
                                      tallerThanPage: $0["tall"] as? Bool ?? false)
        }
        return PrintMeasurement(
            path: file.path, paper: paper, pages: pageTexts.count, pageBudget: (printed["budget"] as? String).flatMap { Int($0) },
            reflowWidth: (reflow["width"] as? NSNumber)?.intValue ?? 0, widest: reflow["widest"] as? [String] ?? [],
            overflowing: overflowing, expectedQRCodes: expected, decodedQRCodes: decoded.sorted(),
            pageTexts: pageTexts, pdf: pdf, screenProblems: screenProblems, pageWidth: boxWidth, pageHeight: boxHeight)
    }

    /// A selector naming an element: its tag and classes, after its parent's.
    private static let describe = """
        const describe = el => { const name = e => e.tagName.toLowerCase() + [...e.classList].map(c => '.' + c).join('');
          return el.parentElement && el.parentElement !== document.body ? name(el.parentElement) + ' > ' + name(el) : name(el); };
        """

    /// The screen widths every page is laid out at: a small phone (320 CSS px, WCAG 1.4.10's
    /// reflow width) to a desktop window.
    static let screenWidths = [320, 480, 640, 800, 1024, 1280]

    /// The page's width and the innermost elements past the screen's edge; each piece of text
    /// drawn over a QR code it is not part of, or sticking out of its contact card.
    static func screenScript(width: Int) -> String {
        """
        (() => { \(describe)
          const page = document.documentElement.scrollWidth;
          const wide = [...document.querySelectorAll('body *')].filter(el => el.getBoundingClientRect().right > \(width) + 1);
          const innermost = wide.filter(el => !wide.some(other => other !== el && el.contains(other)));
          const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          const codes = [...document.querySelectorAll('[data-qr]')].map(figure =>
            ({ figure, box: (figure.querySelector('svg') || figure).getBoundingClientRect() }));
          const problems = new Map();
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node; (node = walker.nextNode());) {
            const text = node.data.trim();
            if (!text || node.parentElement.closest('.visually-hidden, script, style')) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            const card = node.parentElement.closest('.card');
            const cardBox = card && card.getBoundingClientRect();
            for (const box of range.getClientRects()) {
              if (box.width < 1 || box.height < 1) continue;
              const found = kind => problems.set(kind + describe(node.parentElement) + text,
                { kind, element: describe(node.parentElement), text: text.slice(0, 40) });
              if (codes.some(code => !code.figure.contains(node) && hit(box, code.box))) found('underQRCode');
              if (cardBox && (box.right > cardBox.right + 1 || box.left < cardBox.left - 1)) found('outOfCard');
            }
          }
          return { width: page, widest: innermost.slice(0, 3).map(describe), problems: [...problems.values()] }; })()
        """
    }

    /// The problems one screen width shows, from ``screenScript(width:)``'s answer.
    static func screenProblems(_ screen: [String: Any], width: Int) -> [PrintMeasurement.ScreenProblem] {
        var problems = (screen["problems"] as? [[String: Any]] ?? []).compactMap { found -> PrintMeasurement.ScreenProblem? in
            guard let kind = (found["kind"] as? String).flatMap(PrintMeasurement.ScreenProblem.Kind.init) else { return nil }
            return .init(kind: kind, width: width, element: found["element"] as? String ?? "?", text: found["text"] as? String ?? "")
        }
        let page = (screen["width"] as? NSNumber)?.intValue ?? 0
        if page > width {
            let widest = (screen["widest"] as? [String] ?? []).map(quoted).joined(separator: ", ")
            problems.append(.init(kind: .widerThanScreen, width: width, element: widest, text: "\(page)"))
        }
        return problems
    }

    /// The page box Chromium prints into, in CSS px: the paper less the margins of the
    /// page's own `@page` rule (the last one without a selector, in any style sheet or
    /// `@media print` block), or less Chromium's default of 1 cm a side when it has none.
    static func pageBoxScript(paper: Paper) -> String {
        """
        (() => {
          const margins = { top: '1cm', right: '1cm', bottom: '1cm', left: '1cm' };
          const visit = rules => { for (const rule of rules) {
            if (rule instanceof CSSPageRule && !rule.selectorText) {
              for (const side of Object.keys(margins)) {
                const value = rule.style.getPropertyValue('margin-' + side);
                if (value) margins[side] = value;
              }
            } else if (rule.cssRules && (!(rule instanceof CSSMediaRule) || matchMedia(rule.conditionText).matches)) {
              visit(rule.cssRules);
            }
          } };
          for (const sheet of document.styleSheets) { try { visit(sheet.cssRules); } catch (e) {} }
          const px = value => { const probe = document.createElement('div');
            probe.style.cssText = 'position:absolute;visibility:hidden;width:' + value;
            document.documentElement.appendChild(probe); const width = probe.getBoundingClientRect().width; probe.remove(); return width; };
          return { width: \(paper.sizePx.width) - px(margins.left) - px(margins.right),
                   height: \(paper.sizePx.height) - px(margins.top) - px(margins.bottom) }; })()
        """
    }

    /// Boxes whose content is larger than they are, boxes that must not split but
    /// are taller than a page, the QR addresses, and the page budget.
    static func printScript(pageHeight: Int) -> String {
        """
        (() => { \(describe)
          const overflow = [];
          for (const el of document.querySelectorAll('.card, .card dd, .card-qr, .wallet-card, .callout, .facts, table, figure')) {
            const by = Math.max(el.scrollWidth - el.clientWidth, el.scrollHeight - el.clientHeight);
            if (by > 1) overflow.push({ element: describe(el), by, tall: false });
          }
          for (const el of document.querySelectorAll('.card, .callout, .facts, ul, ol, table, figure')) {
            const height = Math.round(el.getBoundingClientRect().height);
            if (height > \(pageHeight)) overflow.push({ element: describe(el), by: height - \(pageHeight), tall: true });
          }
          const qr = [...document.querySelectorAll('[data-qr]')].map(el => el.getAttribute('data-qr'));
          return { overflow, qr, budget: document.documentElement.dataset.pageBudget || null }; })()
        """
    }
}

/// Runs a command-line tool to its end and returns its stdout.
enum ToolRun {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func output(_ executable: URL, _ arguments: [String], allowedStatuses: Set<Int32> = [0]) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard allowedStatuses.contains(process.terminationStatus) else {
            throw Failure(description: "\(executable.lastPathComponent) exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
