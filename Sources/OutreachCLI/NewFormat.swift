internal import ArgumentParser
import Foundation
import OutreachKit

extension FormatScaffold.Kind: ExpressibleByArgument {}

/// `outreach new-format`: scaffold a working format to start from.
struct NewFormat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-format",
        abstract: "Make a working template format folder or external format program to start from.",
        discussion: """
            --kind template writes DIR/NAME/format.yml and page.mustache (DIR: formats); --kind external \
            writes DIR/outreach-format-NAME, a Python 3 program (DIR: plugins). Existing files are never replaced. \
            Exit status: 0 when written, 1 when a file exists, 2 for bad usage.
            """
    )

    @Argument(help: "The format's name: lowercase ASCII letters, digits and hyphens.")
    var name: String

    @Option(help: "template (a folder of Mustache templates) or external (a program).")
    var kind: FormatScaffold.Kind

    @Option(name: .long, help: "The folder that holds formats: DIR/NAME/ for a template, DIR/outreach-format-NAME for a program (default: formats or plugins).")
    var directory: String?

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    func validate() throws {
        guard Identifier.isValid(name) else {
            throw ValidationError("format name '\(name)' must use only \(Identifier.rule), such as 'poster' or 'social-posts'")
        }
        // A format of a built-in's name could never be used: it would be refused when loaded.
        guard RendererRegistry.builtIn.entry(named: name) == nil else {
            throw ValidationError("format name '\(name)' is a built-in format's; built-in: \(RendererRegistry.builtIn.names.sorted().joined(separator: ", "))")
        }
    }

    func run() throws {
        let scaffold = FormatScaffold(name: name, kind: kind, directory: directory)
        do {
            let paths = try scaffold.write(in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            guard !quiet else { return }
            for path in paths { print("wrote \(path)") }
        } catch {
            DiagnosticPrinter().print(error.diagnostics)
            throw ExitCode(exitStatus(for: error.diagnostics))
        }
        print("\nTo use it, add to outreach.yml:\n\n" + scaffold.manifestSnippet.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    }
}
