import ArgumentParser
import Foundation
import OutreachKit

/// `outreach`: turns campaign content into finished outreach materials.
@main
struct OutreachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outreach",
        abstract: "Turn campaign content into fact sheets, handouts and printable pages.",
        version: Outreach.version,
        subcommands: [Generate.self, Validate.self, Formats.self]
    )

    /// Runs the command; usage errors exit with 2, failed runs with 1.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options every command that reads a manifest shares.
struct ManifestOptions: ParsableArguments {
    @Argument(help: "The manifest to read.")
    var manifest: String = "outreach.yml"

    var url: URL { URL(fileURLWithPath: manifest) }
}

/// Prints diagnostics to standard error.
func report(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    let text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
    FileHandle.standardError.write(Data(text.utf8))
}

/// Rejects `--format` names no renderer has, before any manifest is read.
func checkFormats(_ formats: [String], registry: RendererRegistry) throws {
    for name in formats where registry.renderer(named: name) == nil {
        throw ValidationError("unknown format '\(name)'; available: \(registry.names.joined(separator: ", "))")
    }
}
