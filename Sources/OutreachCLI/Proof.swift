internal import ArgumentParser
import Foundation
import OutreachKit

/// `outreach proof`: print every HTML output in headless Chromium and check that it fits.
struct Proof: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every HTML output in headless Chromium and check page budgets, overflow, reflow and QR codes.",
        discussion: """
            Renders the manifest in memory (the output folder is not touched), prints each HTML output \
            on its paper and checks: pages against the layout's budget; elements larger than their box \
            or too tall to keep on one page; sideways scrolling on a 320 CSS px screen; every QR code \
            decoded with zbar against the address it should hold. Needs chromium, poppler-utils and \
            zbar-tools. Exit status: 0 when everything fits, 1 when something does not (or the \
            manifest or content is bad), 2 for bad usage.
            """
    )

    @OptionGroup var options: ManifestOptions

    @Option(name: .long, help: "Proof only this material (repeatable).")
    var material: [String] = []

    @Option(help: "Print a machine-readable report of the proof on standard output: json.")
    var report: ReportFormat?

    @Option(help: "How to print problems: human (default) or github (GitHub Actions annotations).")
    var diagnostics: DiagnosticStyle = .human

    func run() async throws {
        let printer = DiagnosticPrinter(style: diagnostics)
        var generator = Generator(registry: CommandContext.registry)
        generator.usesRenderCache = false
        let proof = PrintProof(generator: generator, proofer: PrintProofer())
        let result: PrintProof.Result
        do {
            result = try await proof.run(manifest: options.url, displayPath: options.manifest,
                                         filters: GenerateFilters(materials: material, formats: []))
        } catch {
            printer.print(error.diagnostics)
            if report == .json {
                print(RunReport(mode: "proof", manifest: options.manifest, output: nil, files: [],
                                diagnostics: error.diagnostics, ok: false).json())
            }
            Foundation.exit(exitStatus(for: error.diagnostics))
        }
        printer.print(result.diagnostics)
        if report == .json {
            let files = result.measurements.map { m in
                let failed = !PrintProof.diagnostics(for: m, at: nil).isEmpty
                return RunReport.File(path: m.path, format: nil, material: nil, bytes: m.pdf.count,
                                      status: failed ? "failed" : "fits")
            }
            print(RunReport(mode: "proof", manifest: options.manifest, output: nil, files: files,
                            diagnostics: result.diagnostics, ok: !result.failed).json())
        } else {
            for m in result.measurements {
                let budget = m.pageBudget.map { " (budget \($0))" } ?? ""
                let qr = m.expectedQRCodes.isEmpty ? "" : ", \(m.decodedQRCodes.count)/\(m.expectedQRCodes.count) QR codes decoded"
                print("\(m.path): \(m.pages) \(m.paper.rawValue) page\(m.pages == 1 ? "" : "s")\(budget), \(m.reflowWidth) px wide at 320 px\(qr)")
            }
            let failures = result.diagnostics.filter { $0.severity == .error }.count
            print(failures == 0 ? "\(result.measurements.count) HTML outputs fit their paper"
                                : "\(failures) problem\(failures == 1 ? "" : "s") in \(result.measurements.count) HTML outputs")
        }
        if result.failed { throw ExitCode(1) }
    }
}
