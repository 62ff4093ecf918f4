internal import ArgumentParser
import Foundation
import OutreachKit

/// `outreach validate`: check everything a run would do, and write nothing.
struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the manifest, content and templates without writing anything.",
        discussion: "Exit status: 0 when everything is valid, 1 when there are problems, 2 for bad usage."
    )

    @OptionGroup var options: ManifestOptions

    @Option(help: "How to print problems: human (default) or github (GitHub Actions annotations).")
    var diagnostics: DiagnosticStyle = .human

    func run() async throws {
        do {
            var generator = Generator(registry: CommandContext.registry)
            generator.usesRenderCache = false // render everything, so every template and plugin is exercised
            let plan = try await generator.plan(manifest: options.url, displayPath: options.manifest)
            DiagnosticPrinter(style: diagnostics).print(plan.warnings)
            let materials = Set(plan.outputs.map(\.material)).count
            print("\(options.manifest): ok: \(materials) material\(materials == 1 ? "" : "s"), \(plan.outputs.count) output\(plan.outputs.count == 1 ? "" : "s")")
        } catch {
            DiagnosticPrinter(style: diagnostics).print(error.diagnostics)
            let count = error.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("outreach: \(count) error\(count == 1 ? "" : "s")\n".utf8))
            throw ExitCode(1)
        }
    }
}
