internal import ArgumentParser
import Foundation
import OutreachKit

/// The report formats of `--report`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case json
}

/// `outreach generate`: make every material the manifest asks for, or check that they are up to date.
struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make the materials a manifest asks for.",
        discussion: """
            Exit status: 0 when every file was made (or, with --check, is up to date), 1 for bad content, \
            a bad manifest, a failed render or (with --check) stale, missing or extra files, 2 for bad usage.
            """
    )

    @OptionGroup var options: ManifestOptions

    @Option(name: .shortAndLong, help: "Write into this folder instead of the manifest's 'output'.")
    var output: String?

    @Option(name: .long, help: "Make only this format (repeatable).")
    var format: [String] = []

    @Option(name: .long, help: "Make only this material (repeatable).")
    var material: [String] = []

    @Option(help: ArgumentHelp("Make only part K of N of the outputs, split by a hash of each path (for CI matrices).",
                               valueName: "K/N"))
    var shard: String?

    @Flag(help: "Write nothing; compare what would be made with the output folder and fail when it differs.")
    var check = false

    @Option(help: "Print a machine-readable report of the run on standard output: json.")
    var report: ReportFormat?

    @Option(help: "How to print problems: human (default) or github (GitHub Actions annotations).")
    var diagnostics: DiagnosticStyle = .human

    @Option(name: [.short, .long], help: "How many documents to render at once (default: the number of cores).")
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    @Flag(help: "Treat warnings as errors: fail with exit status 1 and write nothing when there are any.")
    var strict = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
        if let shard, Shard(shard) == nil {
            throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N, such as 2/8, not '\(shard)'")
        }
        if let output, output.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--output must name a folder, not '\(output)'")
        }
    }

    func run() async throws {
        var generator = Generator(registry: CommandContext.registry)
        if let jobs { generator.jobs = jobs }
        // A check compares real renders with the disk; it must not trust the cache.
        generator.usesRenderCache = !check
        generator.strict = strict
        let printer = DiagnosticPrinter(style: diagnostics)
        let progress = ProgressLine(enabled: !quiet && report == nil && isatty(STDERR_FILENO) != 0)
        generator.progress = progress.update
        let filters = GenerateFilters(materials: material, formats: format, shard: shard.flatMap(Shard.init))
        let folder = output.map { (URL(fileURLWithPath: $0), $0) }
        guard !check else {
            // Each output is compared with the disk as soon as it is rendered; only the verdicts are kept.
            let plan: GenerationPlan, entries: [CheckEntry]
            do {
                (plan, entries) = try await generator.check(manifest: options.url, displayPath: options.manifest, output: folder,
                                                            filters: filters, extras: material.isEmpty && format.isEmpty)
                progress.finish()
            } catch {
                progress.finish()
                fail(error.diagnostics, printer: printer, files: [], output: nil)
            }
            if strict && !plan.warnings.isEmpty {
                fail(plan.warnings, printer: printer, files: [], output: plan.outputDisplayPath, strict: true)
            }
            printer.print(plan.warnings)
            try runCheck(plan, entries, printer: printer)
            return
        }
        // Lays out, renders and stages each output as it is ready; the folder changes only after all are staged.
        let plan: GenerationPlan, results: WriteResults
        do {
            (plan, results) = try await generator.generate(manifest: options.url, displayPath: options.manifest, output: folder, filters: filters)
            progress.finish()
        } catch {
            progress.finish()
            fail(error.diagnostics, printer: printer, files: [], output: nil, strict: strict && !error.diagnostics.contains { $0.severity == .error })
        }
        if strict && !plan.warnings.isEmpty {
            fail(plan.warnings, printer: printer, files: [], output: plan.outputDisplayPath, strict: true)
        }
        printer.print(plan.warnings)
        printResults(plan, results)
    }

    private func printResults(_ plan: GenerationPlan, _ results: WriteResults) {
        if report == .json {
            let files = results.map { output, status in
                RunReport.File(path: plan.displayPath(output.path), format: output.format, material: output.material,
                               bytes: output.size, status: status.rawValue)
            }
            print(RunReport(mode: "generate", manifest: options.manifest, output: plan.outputDisplayPath,
                            files: files, diagnostics: plan.warnings, ok: true).json())
            return
        }
        guard !quiet else { return }
        var written = 0
        for (file, status) in results where status == .written {
            print("wrote \(visibleControlCharacters(plan.displayPath(file.path), keepingNewlines: false))")
            written += 1
        }
        print("\(results.count) file\(results.count == 1 ? "" : "s") in \(plan.outputDisplayPath): "
              + "\(written) written, \(results.count - written) unchanged")
    }

    private func runCheck(_ plan: GenerationPlan, _ entries: [CheckEntry], printer: DiagnosticPrinter) throws {
        let problems = entries.filter { $0.status != .unchanged }
        let files = entries.map { entry in
            RunReport.File(path: plan.displayPath(entry.path), format: entry.output?.format, material: entry.output?.material,
                           bytes: entry.output?.size, status: entry.status.rawValue)
        }
        if report == .json {
            print(RunReport(mode: "check", manifest: options.manifest, output: plan.outputDisplayPath,
                            files: files, diagnostics: plan.warnings, ok: problems.isEmpty).json())
        } else if !quiet || !problems.isEmpty {
            for entry in problems {
                let path = visibleControlCharacters(plan.displayPath(entry.path), keepingNewlines: false)
                switch entry.status {
                case .stale: print("stale: \(path)")
                case .missing: print("missing: \(path)")
                case .extra: print("extra: \(path) (the manifest no longer makes it)")
                case .unchanged: break
                }
                if let diff = entry.diff, !quiet { print(diff) }
            }
            if problems.isEmpty {
                if !quiet { print("\(entries.count) file\(entries.count == 1 ? "" : "s") in \(plan.outputDisplayPath) are up to date") }
            } else {
                print("\(problems.count) of \(entries.count) file\(entries.count == 1 ? "" : "s") in \(plan.outputDisplayPath) "
                      + "\(problems.count == 1 ? "is" : "are") out of date; run 'outreach generate' to update them")
            }
        }
        if !problems.isEmpty {
            if diagnostics == .github {
                printer.print(problems.map { entry in
                    .error(entry.status.code, "\(entry.status.rawValue) output: \(plan.displayPath(entry.path))",
                           at: SourceLocation(file: plan.displayPath(entry.path)),
                           hint: entry.status == .extra ? "the manifest no longer makes it" : "run 'outreach generate'")
                })
            }
            throw ExitCode(1)
        }
    }

    /// Prints the problems (and the JSON report when asked) and exits with 1.
    private func fail(_ problems: [Diagnostic], printer: DiagnosticPrinter, files: [RunReport.File], output: String?,
                      strict: Bool = false) -> Never {
        printer.print(problems)
        if report == .json {
            print(RunReport(mode: check ? "check" : "generate", manifest: options.manifest, output: output,
                            files: files, diagnostics: problems, ok: false).json())
        }
        let errors = problems.filter { $0.severity == .error || strict }
        // Only a rename phase that stopped midway has changed the folder, and its error names the files.
        let partial = problems.contains { $0.code == .partiallyWritten }
        let note = check ? "" : partial ? "; some files were replaced, as listed above" : "; nothing was written"
        let what = strict ? "warning\(errors.count == 1 ? "" : "s") with --strict" : "error\(errors.count == 1 ? "" : "s")"
        FileHandle.standardError.write(Data("outreach: \(errors.count) \(what)\(note)\n".utf8))
        Foundation.exit(strict ? 1 : exitStatus(for: problems))
    }
}

extension CheckEntry.Status {
    /// The code of an out-of-date file, for annotations.
    var code: DiagnosticCode {
        switch self {
        case .stale, .unchanged: return .staleOutput // unchanged files are never reported
        case .missing: return .missingOutput
        case .extra: return .extraOutput
        }
    }
}

/// A one-line progress counter on standard error, shown only on a terminal and for more than a handful of files.
final class ProgressLine: @unchecked Sendable {
    static let threshold = 8
    private let enabled: Bool
    private let lock = NSLock()
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    var update: @Sendable (Int, Int) -> Void {
        { [self] done, total in
            guard enabled, total > Self.threshold else { return }
            lock.withLock {
                shown = true
                FileHandle.standardError.write(Data("\rrendering \(done)/\(total)".utf8))
            }
        }
    }

    func finish() {
        lock.withLock {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            shown = false
        }
    }
}
