import Foundation

/// A place in an input file: path plus 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Codable {
    /// The file, as given to outreach (relative paths stay relative).
    public var file: String
    /// 1-based line; 0 when the problem is about the whole file.
    public var line: Int
    /// 1-based column; 0 when the problem is about the whole line or file.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, leaving out the parts that are unknown.
    public var description: String {
        guard line > 0 else { return file }
        guard column > 0 else { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }
}

/// One problem found in a run, printed compiler-style.
public struct Diagnostic: Sendable, Hashable, Codable, Error, CustomStringConvertible {
    /// How bad a problem is.
    public enum Severity: String, Sendable, Codable, Hashable {
        case error, warning, note
    }

    /// How bad it is.
    public var severity: Severity
    /// Which problem it is, whatever the message says; see <doc:DiagnosticCodes>.
    public var code: DiagnosticCode
    /// What is wrong, quoting the value.
    public var message: String
    /// Where it is, when known.
    public var location: SourceLocation?
    /// What to do about it, such as the valid choices.
    public var hint: String?

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil, hint: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// An error at a location.
    public static func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, code, message, at: location, hint: hint)
    }

    /// A warning at a location.
    public static func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location, hint: hint)
    }

    /// `file:line:column: error: message; hint (OUT0110)`, the form editors and CI annotate,
    /// with the code at the end as SwiftLint prints its rule.
    ///
    /// The code ends the first line, which is the line problem matchers read, even when
    /// the message goes on to quote lines (such as the end of a plugin's stderr).
    public var description: String {
        var text = ""
        if let location { text += "\(location.description): " }
        text += "\(severity.rawValue): \(message)"
        if let hint { text += "; \(hint)" }
        let tag = " (\(code.rawValue))"
        guard let newline = text.firstIndex(of: "\n") else { return text + tag }
        return text[..<newline] + tag + text[newline...]
    }
}

/// An error that knows the code of the problem it stands for, so that code
/// survives when it is wrapped in another diagnostic.
package protocol DiagnosticCoded: Error {
    /// Which problem it is.
    var code: DiagnosticCode { get }
}

extension Diagnostic: DiagnosticCoded {}

/// Problems collected over a run; thrown when any of them is an error.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in the order of the files and lines.
    public var diagnostics: [Diagnostic]

    /// Wraps a list of diagnostics.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// A list of choices for an error message: `'a', 'b', 'c'`, at most `limit` of
/// them then "and N more", so a hint stays short whatever the number of choices.
func quotedList<S: Sequence>(_ names: S, limit: Int = 10) -> String where S.Element == String {
    let sorted = names.sorted()
    guard !sorted.isEmpty else { return "none" }
    let shown = sorted.prefix(limit).map { "'\($0)'" }.joined(separator: ", ")
    return sorted.count > limit ? shown + " and \(sorted.count - limit) more" : shown
}

/// Quotes a value for a message, keeping it on one line.
func quoted(_ value: String) -> String {
    let oneLine = value.replacingOccurrences(of: "\n", with: "\\n")
    return "'\(oneLine)'"
}
