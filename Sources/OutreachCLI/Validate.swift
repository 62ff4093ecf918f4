internal import ArgumentParser
import Foundation
import OutreachKit

/// `outreach validate`: check everything a run would do, and write nothing.
struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the manifest, content and templates without writing anything.",
        discussion: "Exit status: 0 when everything is valid, 1 when there are problems (or, with --strict, warnings), 2 for bad usage."
    )

    @OptionGroup var options: ManifestOptions

    @Option(help: "How to print problems: human (default) or github (GitHub Actions annotations).")
    var diagnostics: DiagnosticStyle = .human

    @Option(help: "Print a machine-readable report of the run on standard output: json.")
    var report: ReportFormat?

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    @Flag(help: "Treat warnings as errors: fail with exit status 1 when there are any.")
    var strict = false

    func run() async throws {
        let printer = DiagnosticPrinter(style: diagnostics)
        let plan: GenerationPlan, outputs: [OutputSummary]
        do {
            var generator = Generator(registry: CommandContext.registry)
            generator.usesRenderCache = false // render everything, so every template and plugin is exercised
            // Each output is checked as it is rendered, and only a summary of it kept: a large kit is not held in memory.
            (plan, outputs) = try await generator.summarize(manifest: options.url, displayPath: options.manifest)
        } catch {
            finish(error.diagnostics, printer: printer, files: [], output: nil, failed: true)
        }
        // Only a report lists the files: a large kit's list is not made for nothing.
        let files = report == nil ? [] : outputs.map { output in
            RunReport.File(path: plan.displayPath(output.path), format: output.format, material: output.material,
                           bytes: output.size, status: "valid")
        }
        let failed = strict && !plan.warnings.isEmpty
        if !failed, !quiet, report == nil {
            // Copied assets are outputs but not a material. Lazily: a filtered copy of the outputs held them twice.
            let materials = Set(outputs.lazy.filter { $0.format != AssetCollector.format }.map(\.material)).count
            print("\(options.manifest): ok: \(materials) material\(materials == 1 ? "" : "s"), \(outputs.count) output\(outputs.count == 1 ? "" : "s")")
        }
        finish(plan.warnings, printer: printer, files: files, output: plan.outputDisplayPath, failed: failed)
    }

    /// Prints the problems and the report; exits with 1 when `failed`, else 0.
    private func finish(_ problems: [Diagnostic], printer: DiagnosticPrinter, files: [RunReport.File], output: String?,
                        failed: Bool) -> Never {
        printer.print(problems)
        if report == .json {
            print(RunReport(mode: "validate", manifest: options.manifest, output: output, files: files,
                            diagnostics: problems, ok: !failed).json())
        }
        if failed {
            let errors = problems.filter { $0.severity == .error }.count
            let count = errors > 0 ? errors : problems.count
            let what = errors > 0 ? "error" : "warning"
            FileHandle.standardError.write(Data("outreach: \(count) \(what)\(count == 1 ? "" : "s")\(errors > 0 ? "" : " with --strict")\n".utf8))
        }
        Foundation.exit(failed ? 1 : 0)
    }
}
