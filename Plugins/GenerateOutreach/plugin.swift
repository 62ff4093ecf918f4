import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-outreach [--manifest PATH] [generate options]`
///
/// Runs `outreach generate` on the package's manifest. Like the DocC plugin, it
/// only coordinates: the work is the `outreach` tool's. Problems come back as
/// the plugin's diagnostics with their file and line.
@main
struct GenerateOutreach: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let root = context.package.directoryURL
        let manifest = extractor.extractOption(named: "manifest").last ?? "outreach.yml"
        let manifestURL = manifest.hasPrefix("/") ? URL(fileURLWithPath: manifest) : root.appending(path: manifest)
        guard FileManager.default.fileExists(atPath: manifestURL.path) else {
            Diagnostics.error("no manifest at \(manifestURL.path); pass --manifest PATH or add outreach.yml at the package root")
            throw PluginFailure(status: 1)
        }

        let tool = try context.tool(named: "outreach")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["generate", manifest] + extractor.remainingArguments
        process.currentDirectoryURL = root
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        for line in String(decoding: stderr, as: UTF8.self).split(separator: "\n") {
            ToolDiagnostic(String(line), root: root).emit()
        }
        if process.terminationStatus != 0 {
            throw PluginFailure(status: process.terminationStatus)
        }
    }
}

/// The exit status of a failed `outreach generate`.
struct PluginFailure: Error, CustomStringConvertible {
    let status: Int32
    var description: String { "outreach generate failed (exit status \(status))" }
}

/// One line of `outreach` output on standard error, as a plugin diagnostic.
struct ToolDiagnostic {
    let line: String
    let root: URL

    init(_ line: String, root: URL) {
        self.line = line
        self.root = root
    }

    /// `file:line:column: severity: message` keeps its file and line; other lines are remarks.
    ///
    /// The message keeps the whole `file:line:column` too: SwiftPM prints plugin
    /// diagnostics without their file and line, and has no field for the column.
    func emit() {
        for severity in ["error", "warning", "note"] {
            guard let range = line.range(of: ": \(severity): ") else { continue }
            let location = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            let message = line[..<range.lowerBound] + ": " + line[range.upperBound...]
            let file = location.first.map { $0.hasPrefix("/") ? String($0) : root.appending(path: String($0)).path }
            let number = location.count > 1 ? Int(location[1]) : nil
            switch severity {
            case "error": Diagnostics.error(String(message), file: file, line: number)
            case "warning": Diagnostics.warning(String(message), file: file, line: number)
            default: Diagnostics.remark(String(message), file: file, line: number)
            }
            return
        }
        if line.hasPrefix("error: ") {
            Diagnostics.error(String(line.dropFirst("error: ".count)))
        } else if !line.isEmpty {
            Diagnostics.remark(line)
        }
    }
}
