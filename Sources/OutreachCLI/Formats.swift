internal import ArgumentParser
import Foundation
import OutreachKit

/// `outreach formats`: list every output format a manifest can use.
struct Formats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the output formats: built-in, template and external.",
        discussion: """
            Lists the built-in formats, template formats from the manifest's 'formats' folders and the user's \
            folder ($OUTREACH_FORMATS_PATH, else ~/.config/outreach/formats), and external formats declared in \
            the manifest or found on PATH as outreach-format-NAME. Without MANIFEST, ./outreach.yml is read when \
            it exists.
            """
    )

    @Argument(help: "The manifest whose formats to include.")
    var manifest: String?

    @Option(help: "Print the list in a machine-readable form on standard output: json.")
    var report: ReportFormat?

    @Flag(help: ArgumentHelp("The same as --report json.", visibility: .hidden))
    var json = false

    func run() async throws {
        let json = json || report == .json
        let path = manifest ?? (FileManager.default.fileExists(atPath: "outreach.yml") ? "outreach.yml" : nil)
        let (registry, diagnostics) = await Generator(registry: CommandContext.registry)
            .availableFormats(manifest: path.map { URL(fileURLWithPath: $0) }, displayPath: path ?? "")
        DiagnosticPrinter().print(diagnostics)
        let entries = registry.allEntries
        if json {
            let list = entries.map { entry -> [String: String] in
                var item = ["name": entry.renderer.format.name, "extension": entry.renderer.format.fileExtension,
                            "mediaType": entry.renderer.format.mediaType, "source": entry.source.kind,
                            "summary": entry.renderer.format.summary]
                if case .template(let folder) = entry.source { item["folder"] = folder }
                if case .external(let command) = entry.source { item["command"] = command.joined(separator: " ") }
                return item
            }
            let data = try JSONSerialization.data(withJSONObject: list, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            let rows = [["NAME", "EXTENSION", "SOURCE", "SUMMARY"]] + entries.map { entry in
                let source = entry.source.detail.isEmpty ? entry.source.kind : "\(entry.source.kind) (\(entry.source.detail))"
                // A format's own description is untrusted text on its way to a terminal.
                return [entry.renderer.format.name, "." + entry.renderer.format.fileExtension, source, entry.renderer.format.summary]
                    .map { visibleControlCharacters($0, keepingNewlines: false) }
            }
            let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                let padded = (0..<3).map { row[$0] + String(repeating: " ", count: widths[$0] - row[$0].count) }
                print((padded + [row[3]]).joined(separator: "  "))
            }
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
