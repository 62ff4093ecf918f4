import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-outreach [--manifest PATH] [generate options]`
///
/// Runs `outreach generate` on the package's manifest. Like the DocC plugin, it
/// only coordinates: the work is the `outreach` tool's. Its compiler-style
/// problems come back as the plugin's diagnostics with their file and line;
/// everything else it prints on standard error (GitHub annotations from
/// `--diagnostics github`, a format's quoted stderr, usage errors, the summary)
/// is passed through as it is, because SwiftPM shows a plugin's remarks only
/// with `-v`.
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

        for entry in ToolOutput.entries(String(decoding: stderr, as: UTF8.self)) {
            entry.emit(root: root)
        }
        if process.terminationStatus != 0 {
            throw PluginFailure(status: process.terminationStatus)
        }
    }
}

/// The exit status of a failed `outreach generate`.
struct PluginFailure: Error, CustomStringConvertible {
    let status: Int32
    var description: String {
        status == 2 ? "outreach generate: bad usage (exit status 2); see 'outreach generate --help'"
            : "outreach generate failed (exit status \(status))"
    }
}

/// What `outreach` printed on standard error, split into diagnostics and other lines.
enum ToolOutput {
    /// A compiler-style diagnostic with the lines that continue it (a format's quoted stderr), or one other line.
    enum Entry {
        case diagnostic(severity: String, location: Substring, message: String)
        case line(String)

        func emit(root: URL) {
            switch self {
            case .line(let text):
                // Verbatim on standard output, which SwiftPM always shows and GitHub Actions reads.
                print(text)
            case .diagnostic(let severity, let location, let message):
                // The message keeps the whole `file:line:column`: SwiftPM prints plugin
                // diagnostics without their file and line, and has no field for the column.
                let parts = location.split(separator: ":", omittingEmptySubsequences: false)
                let file = parts.first.map { $0.hasPrefix("/") ? String($0) : root.appending(path: String($0)).path }
                let number = parts.count > 1 ? Int(parts[1]) : nil
                let text = location + ": " + message
                switch severity {
                case "error": Diagnostics.error(text, file: file, line: number)
                case "warning": Diagnostics.warning(text, file: file, line: number)
                default: print(text)
                }
            }
        }
    }

    static func entries(_ text: String) -> [Entry] {
        var entries: [Entry] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let diagnostic = diagnostic(line) {
                entries.append(diagnostic)
            } else if line.hasPrefix("  "), case .diagnostic(let severity, let location, let message)? = entries.last {
                // outreach indents the lines it quotes under the diagnostic they belong to.
                entries[entries.count - 1] = .diagnostic(severity: severity, location: location, message: message + "\n" + line)
            } else if !line.isEmpty {
                entries.append(.line(line))
            }
        }
        return entries
    }

    /// `file:line:column: severity: message`, where the location has no spaces.
    private static func diagnostic(_ line: String) -> Entry? {
        for severity in ["error", "warning", "note"] {
            guard let range = line.range(of: ": \(severity): ") else { continue }
            let location = line[..<range.lowerBound]
            guard !location.isEmpty, !location.contains(" "), !location.hasPrefix("::") else { return nil }
            return .diagnostic(severity: severity, location: location, message: String(line[range.upperBound...]))
        }
        return nil
    }
}
