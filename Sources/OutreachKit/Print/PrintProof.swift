import Foundation

/// `outreach proof`: renders a manifest's materials, prints every HTML output
/// in headless Chromium, and reports what does not fit as diagnostics.
package struct PrintProof: Sendable {
    /// What a proof found.
    package struct Result: Sendable {
        /// One measurement per HTML output, sorted by path.
        package var measurements: [PrintMeasurement]
        /// Errors (over budget, overflow, reflow, QR) and the generator's warnings.
        package var diagnostics: [Diagnostic]
        /// Whether any diagnostic is an error.
        package var failed: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// The generator that renders the manifest.
    package var generator: Generator
    /// The proofer that prints and measures.
    package var proofer: PrintProofer

    /// Creates a proof run.
    package init(generator: Generator, proofer: PrintProofer) {
        self.generator = generator
        self.proofer = proofer
    }

    /// Renders the manifest in memory (writing nothing into its output folder),
    /// prints each HTML output and checks it.
    package func run(manifest: URL, displayPath: String, filters: GenerateFilters = GenerateFilters()) async throws(DiagnosticError) -> Result {
        let plan = try await generator.plan(manifest: manifest, displayPath: displayPath, filters: filters)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outreach-proof-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [(path: String, url: URL)] = []
        do {
            for output in plan.outputs {
                let url = folder.appendingPathComponent(output.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try output.contents.write(to: url)
                if output.path.hasSuffix(".html") { files.append((plan.displayPath(output.path), url)) }
            }
        } catch {
            throw DiagnosticError([.error(.writeFailed, "cannot stage outputs for printing in \(folder.path): \(error.localizedDescription)")])
        }
        let proofer = self.proofer, staged = files
        let measurements = try await onOwnThread { () throws(DiagnosticError) in try proofer.measure(staged) }
        let location = SourceLocation(file: displayPath)
        return Result(measurements: measurements,
                      diagnostics: plan.warnings + measurements.flatMap { Self.diagnostics(for: $0, at: location) })
    }

    /// Text under a QR code or out of its card, and pages wider than a screen past 320 px (320 is
    /// ``PrintMeasurement/reflowWidth``'s): one error for each piece of text, naming the widths.
    static func screenDiagnostics(for m: PrintMeasurement, at location: SourceLocation?) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var widths: [PrintMeasurement.ScreenProblem: [Int]] = [:]
        var order: [PrintMeasurement.ScreenProblem] = []
        for problem in m.screenProblems {
            switch problem.kind {
            case .widerThanScreen where problem.width > 320:
                let widest = problem.element.isEmpty ? "" : "; widest: " + problem.element
                problems.append(.error(.reflowOverflow, "\(m.path) is \(problem.text) px wide on a \(problem.width) px screen\(widest)", at: location))
            case .widerThanScreen:
                break
            case .underQRCode, .outOfCard:
                var key = problem
                key.width = 0
                if widths[key] == nil { order.append(key) }
                widths[key, default: []].append(problem.width)
            }
        }
        for key in order {
            let screens = widths[key] ?? []
            let what = key.kind == .underQRCode ? "runs under a QR code" : "sticks out of its card"
            problems.append(.error(
                .reflowOverflow,
                "\(m.path): \(quoted(key.text)) in \(quoted(key.element)) \(what) on \(screens.count == 1 ? "a screen" : "screens") \(screens.map(String.init).joined(separator: ", ")) px wide",
                at: location, hint: "let the card put its QR code under its text at these widths, or shorten the text"))
        }
        return problems
    }

    /// The problems one measurement shows: over budget, overflowing, too wide at 320 px, unreadable QR codes.
    package static func diagnostics(for m: PrintMeasurement, at location: SourceLocation?) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if let budget = m.pageBudget, m.pages > budget {
            problems.append(.error(
                .overPageBudget, "\(m.path) prints on \(m.pages) pages on \(m.paper.rawValue) paper; its budget is \(budget)",
                at: location, hint: "select fewer messages or agencies, or shorten the content"))
        }
        for overflow in m.overflowing {
            let what = overflow.tallerThanPage
                ? "\(quoted(overflow.element)) is \(overflow.by) px taller than a page, so it splits"
                : "\(quoted(overflow.element)) overflows its box by \(overflow.by) px when printed"
            problems.append(.error(.printOverflow, "\(m.path): \(what)", at: location, hint: "shorten its text"))
        }
        if m.reflowWidth > 320 {
            let widest = m.widest.isEmpty ? "" : "; widest: " + m.widest.map(quoted).joined(separator: ", ")
            problems.append(.error(
                .reflowOverflow, "\(m.path) is \(m.reflowWidth) px wide on a 320 px screen\(widest)", at: location))
        }
        problems += screenDiagnostics(for: m, at: location)
        for address in Set(m.expectedQRCodes).sorted() {
            let expected = m.expectedQRCodes.filter { $0 == address }.count
            let decoded = m.decodedQRCodes.filter { $0 == address }.count
            if decoded < expected {
                problems.append(.error(
                    .qrUnreadable, "\(m.path): \(expected - decoded) of \(expected) QR code\(expected == 1 ? "" : "s") for \(quoted(address)) did not decode",
                    at: location, hint: "print QR codes at least 0.8 inch wide with their quiet zone"))
            }
        }
        for address in Set(m.decodedQRCodes).subtracting(m.expectedQRCodes).sorted() {
            problems.append(.error(
                .qrUnreadable, "\(m.path): a printed QR code decodes to \(quoted(address)), which the page does not name", at: location))
        }
        return problems
    }
}
