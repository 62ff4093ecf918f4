import Foundation
import PackagePlugin

/// Embeds the package's `Templates/` folder into the target as Swift source,
/// so the built tool carries its default page templates and, from
/// `Templates/strings/`, its string catalogs.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: templates.path)
            .filter { $0.hasSuffix(".mustache") }
            .sorted()
        let strings = templates.appending(path: "strings")
        let catalogs = ((try? FileManager.default.contentsOfDirectory(atPath: strings.path)) ?? [])
            .filter { $0.hasSuffix(".yml") }
            .sorted()
        let inputs = names.map { templates.appending(path: $0) } + catalogs.map { strings.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(names.count) templates and \(catalogs.count) string catalogs",
                executable: try context.tool(named: "embed-templates").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
