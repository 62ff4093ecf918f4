internal import ArgumentParser
import Foundation
import OutreachKit

/// Runs the `outreach` command line, so that a package with its own renderers
/// can ship an `outreach` of its own without copying the CLI.
///
/// ```swift
/// var registry = RendererRegistry.builtIn
/// registry.register(MyRenderer())
/// OutreachCLI.main(registry: registry)
/// ```
public enum OutreachCLI {
    /// Parses the process's arguments and runs the command with the formats in
    /// `registry`; exits with 0, 1 (a failed run) or 2 (bad usage).
    ///
    /// Ignores `SIGPIPE` for the process: writing a request to a format plugin
    /// that has already exited must fail with an error, not end outreach.
    public static func main(registry: RendererRegistry = .builtIn, arguments: [String]? = nil) async -> Never {
        signal(SIGPIPE, SIG_IGN)
        let status = await CommandContext.$registry.withValue(registry) {
            await OutreachCommand.run(arguments)
        }
        Foundation.exit(status)
    }
}

/// What the commands run with, set by ``OutreachCLI/main(registry:arguments:)``.
enum CommandContext {
    @TaskLocal static var registry: RendererRegistry = .builtIn
}

/// `outreach`: turns campaign content into finished outreach materials.
struct OutreachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outreach",
        abstract: "Turn campaign content into fact sheets, handouts and printable pages.",
        version: Outreach.version,
        subcommands: [Generate.self, Validate.self, Proof.self, Formats.self, NewFormat.self, Init.self, Translations.self]
            + previewCommand
    )

    /// Runs the command and returns its exit status: 0, or 2 for a usage error; a failed run
    /// exits with 1 (or the status its error names) from here.
    static func run(_ arguments: [String]?) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((visibleControlCharacters(fullMessage(for: error)) + "\n").utf8))
                return 2
            }
            exit(withError: error)
        }
    }
}

/// `preview`, when the package is built with its `Preview` trait (the default).
#if Preview
let previewCommand: [any ParsableCommand.Type] = [Preview.self]
#else
let previewCommand: [any ParsableCommand.Type] = []
#endif

/// Options every command that reads a manifest shares.
struct ManifestOptions: ParsableArguments {
    @Argument(help: "The manifest to read.")
    var manifest: String = "outreach.yml"

    var url: URL { URL(fileURLWithPath: manifest) }
}

/// The exit status of a run that found `problems`: 2 when every error is bad
/// usage (such as a `--format` that names nothing, like an unknown option), else 1.
///
/// Decided by each diagnostic's code, never by its message.
func exitStatus(for problems: [Diagnostic]) -> Int32 {
    let errors = problems.filter { $0.severity == .error }
    return !errors.isEmpty && errors.allSatisfy { $0.code.kind == .usage } ? 2 : 1
}
