/// Why an external format failed: names the plugin and quotes the end of its stderr.
struct ExternalFormatFailure: DiagnosticCoded, Sendable, CustomStringConvertible {
    /// Which problem it is.
    var code: DiagnosticCode
    /// The plugin as named in messages, such as `external format 'social-posts' (python3 plugins/social_posts.py)`.
    var plugin: String
    /// What went wrong, as a phrase that follows the plugin's name.
    var problem: String
    /// The last lines the plugin wrote to stderr; nil when it never ran.
    var stderrTail: String?

    var description: String {
        var text = "\(plugin) \(problem)"
        guard let stderrTail else { return text }
        if stderrTail.isEmpty {
            text += " (its stderr was empty)"
        } else {
            text += "; the end of its stderr:\n" + stderrTail.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    | " + $0 }.joined(separator: "\n")
        }
        return text
    }

    /// How messages name a plugin: by format name when known, always with its command.
    static func label(name: String?, command: [String]) -> String {
        let shown = command.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
        if let name { return "external format \(quoted(name)) (\(shown))" }
        return "external format command '\(shown)'"
    }
}

extension PluginProcess.Ending {
    /// The code of a failed run: a crash, a timeout or too much output.
    var code: DiagnosticCode {
        switch self {
        case .exited, .signaled: return .pluginFailed
        case .timedOut: return .pluginTimedOut
        case .outputTooLarge: return .pluginOutputTooLarge
        }
    }

    /// Why the run failed, or nil when the program exited with status 0.
    func problem(timeout: Double) -> String? {
        switch self {
        case .exited(0): return nil
        case .exited(let status): return "exited with status \(status)"
        case .signaled(let signal): return "was killed by signal \(signal)\(Self.signalName(signal).map { " (\($0))" } ?? "")"
        case .timedOut:
            let seconds = timeout.rounded() == timeout ? String(Int(timeout)) : String(timeout)
            return "did not answer within its timeout of \(seconds) s and was stopped"
        case .outputTooLarge:
            return "printed more than \(PluginProcess.maximumResponseSize / (1024 * 1024)) MiB on stdout and was stopped"
        }
    }

    private static func signalName(_ signal: Int32) -> String? {
        let names: [Int32: String] = [1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 6: "SIGABRT", 8: "SIGFPE",
                                      9: "SIGKILL", 11: "SIGSEGV", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM"]
        return names[signal]
    }
}
