import Foundation
import PackagePlugin

/// Embeds the package's `Templates/*.mustache` and `Templates/strings/*.yml`,
/// `Schemas/*.schema.json` and `Examples/ci/*.yml` into the target as Swift
/// source, so the built tool carries its default page templates and string
/// catalogs, and the schemas and CI workflow that `outreach init` writes.
///
/// Each command declares exactly the files it reads and the one file it
/// writes, and the tool rewrites its output only when the text changes: a
/// rebuild with nothing changed runs nothing and compiles nothing.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "embed-templates").url
        let root = context.package.directoryURL
        let templates = root.appending(path: "Templates")
        return try [
            command(tool, folders: [(templates, ".mustache"), (templates.appending(path: "strings"), ".yml")],
                    enumName: "EmbeddedTemplates", strings: true,
                    output: context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")),
            command(tool, folders: [(root.appending(path: "Schemas"), ".schema.json")], enumName: "EmbeddedSchemas",
                    output: context.pluginWorkDirectoryURL.appending(path: "EmbeddedSchemas.swift")),
            command(tool, folders: [(root.appending(path: "Examples/ci"), ".yml")], enumName: "EmbeddedWorkflows",
                    output: context.pluginWorkDirectoryURL.appending(path: "EmbeddedWorkflows.swift")),
        ]
    }

    /// The command that embeds the files with `suffix` in each folder (a missing folder adds none);
    /// with `strings`, the `.yml` files go to the enum's `strings`.
    private func command(
        _ tool: URL, folders: [(folder: URL, suffix: String)], enumName: String, strings: Bool = false, output: URL
    ) throws -> Command {
        var inputs: [URL] = []
        for (index, entry) in folders.enumerated() {
            let names: [String]
            if index == 0 {
                names = try FileManager.default.contentsOfDirectory(atPath: entry.folder.path)
            } else {
                names = (try? FileManager.default.contentsOfDirectory(atPath: entry.folder.path)) ?? []
            }
            inputs += names.filter { $0.hasSuffix(entry.suffix) }.sorted().map { entry.folder.appending(path: $0) }
        }
        return .buildCommand(
            displayName: "Embedding \(inputs.count) files of \(folders.map(\.folder.lastPathComponent).joined(separator: " and ")) as \(enumName)",
            executable: tool,
            arguments: ["--enum", enumName] + (strings ? ["--strings"] : []) + [output.path] + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [output]
        )
    }
}
