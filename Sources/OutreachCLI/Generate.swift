import ArgumentParser
import Foundation
import OutreachKit

/// `outreach generate`: make every material the manifest asks for.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make the materials a manifest asks for.",
        discussion: "Exit status: 0 when every file was made, 1 for bad content, a bad manifest or a failed render, 2 for bad usage."
    )

    @OptionGroup var options: ManifestOptions

    @Option(name: .shortAndLong, help: "Write into this folder instead of the manifest's 'output'.")
    var output: String?

    @Option(name: .long, help: "Make only this format (repeatable).")
    var format: [String] = []

    @Option(name: .long, help: "Make only this material (repeatable).")
    var material: [String] = []

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    func run() throws {
        let generator = Generator(registry: CommandContext.registry)
        try checkFormats(format, registry: generator.registry)
        do {
            let plan = try generator.plan(
                manifest: options.url, displayPath: options.manifest,
                output: output.map { (URL(fileURLWithPath: $0), $0) },
                filters: GenerateFilters(materials: material, formats: format))
            report(plan.warnings)
            let results = try OutputWriter().write(plan)
            guard !quiet else { return }
            var written = 0
            for (file, status) in results where status == .written {
                print("wrote \(plan.displayPath(file.path))")
                written += 1
            }
            let unchanged = results.count - written
            print("\(results.count) file\(results.count == 1 ? "" : "s") in \(plan.outputDisplayPath): \(written) written, \(unchanged) unchanged")
        } catch {
            report(error.diagnostics)
            let count = error.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("outreach: \(count) error\(count == 1 ? "" : "s"); nothing was written\n".utf8))
            throw ExitCode(1)
        }
    }
}
