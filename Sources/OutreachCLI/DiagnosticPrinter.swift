internal import ArgumentParser
import Foundation
import OutreachKit

/// How diagnostics are printed.
enum DiagnosticStyle: String, ExpressibleByArgument, CaseIterable {
    /// `file:line:column: error: message`, coloured on a terminal unless `NO_COLOR` is set.
    case human
    /// GitHub Actions workflow commands: `::error file=...,line=...,col=...::message`.
    case github
}

/// Prints diagnostics to standard error in the chosen style.
struct DiagnosticPrinter {
    var style: DiagnosticStyle = .human
    var environment = ProcessInfo.processInfo.environment

    /// Whether standard error is a terminal that may show colour.
    var usesColor: Bool {
        isatty(STDERR_FILENO) != 0 && environment["NO_COLOR"].map(\.isEmpty) ?? true && environment["TERM"] != "dumb"
    }

    func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        // The same problem at the same place, reached by two checks, is printed once.
        var seen: Set<Diagnostic> = []
        let text = diagnostics.filter { seen.insert($0).inserted }.map { line($0) }.joined(separator: "\n") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The diagnostic as printed; its untrusted text never carries raw control characters.
    func line(_ unsafe: Diagnostic) -> String {
        let diagnostic = unsafe.withVisibleControlCharacters
        switch style {
        case .github: return Self.workflowCommand(diagnostic)
        case .human:
            guard usesColor else { return diagnostic.description }
            let colour = diagnostic.severity == .error ? "31" : diagnostic.severity == .warning ? "33" : "36"
            let label = "\(diagnostic.severity.rawValue):"
            return diagnostic.description.replacingOccurrences(of: label, with: "\u{1B}[1;\(colour)m\(label)\u{1B}[0m",
                                                               options: [], range: nil)
        }
    }

    /// `::error file=F,line=L,col=C,title=OUT0110::message`, escaped as GitHub Actions requires;
    /// the code is the annotation's title.
    static func workflowCommand(_ diagnostic: Diagnostic) -> String {
        let command = diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "notice"
        var properties: [String] = []
        if let location = diagnostic.location {
            properties.append("file=" + escapeProperty(location.file))
            if location.line > 0 { properties.append("line=\(location.line)") }
            if location.column > 0 { properties.append("col=\(location.column)") }
        }
        properties.append("title=" + escapeProperty(diagnostic.code.rawValue))
        var message = diagnostic.message
        if let hint = diagnostic.hint { message += "; " + hint }
        let head = "::\(command) " + properties.joined(separator: ",")
        return head + "::" + escapeData(message)
    }

    private static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
