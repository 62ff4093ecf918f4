import Foundation
import PackagePlugin

/// Embeds the package's `Templates/*.mustache`, `Schemas/*.schema.json` and `Examples/ci/*.yml`
/// into the target as Swift source, so the built tool carries its default page
/// templates, and the schemas and CI workflow that `outreach init` writes.
///
/// Each command declares exactly the files it reads and the one file it
/// writes, and the tool rewrites its output only when the text changes: a
/// rebuild with nothing changed runs nothing and compiles nothing.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "embed-templates").url
        let root = context.package.directoryURL
        return try [
            command(tool, folder: root.appending(path: "Templates"), suffix: ".mustache", enumName: "EmbeddedTemplates",
                    output: context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")),
            command(tool, folder: root.appending(path: "Schemas"), suffix: ".schema.json", enumName: "EmbeddedSchemas",
                    output: context.pluginWorkDirectoryURL.appending(path: "EmbeddedSchemas.swift")),
            command(tool, folder: root.appending(path: "Examples/ci"), suffix: ".yml", enumName: "EmbeddedWorkflows",
                    output: context.pluginWorkDirectoryURL.appending(path: "EmbeddedWorkflows.swift")),
        ]
    }

    private func command(_ tool: URL, folder: URL, suffix: String, enumName: String, output: URL) throws -> Command {
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(suffix) }
            .sorted()
            .map { folder.appending(path: $0) }
        return .buildCommand(
            displayName: "Embedding \(inputs.count) files of \(folder.lastPathComponent) as \(enumName)",
            executable: tool,
            arguments: ["--enum", enumName, output.path] + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [output]
        )
    }
}
