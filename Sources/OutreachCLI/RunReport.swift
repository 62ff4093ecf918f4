import Foundation
import OutreachKit

/// The machine-readable summary of a run that `--report json` prints.
struct RunReport: Encodable {
    struct File: Encodable {
        var path: String
        var format: String?
        var material: String?
        var bytes: Int?
        var status: String
    }

    struct Problem: Encodable {
        var severity: String
        /// The stable code, such as `OUT0110`, and its kind, such as `manifest`.
        var code: String
        var kind: String
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
        var hint: String?

        init(_ unsafe: Diagnostic) {
            let diagnostic = unsafe.withVisibleControlCharacters
            severity = diagnostic.severity.rawValue
            code = diagnostic.code.rawValue
            kind = diagnostic.code.kind.rawValue
            message = diagnostic.message
            file = diagnostic.location?.file
            line = diagnostic.location.flatMap { $0.line > 0 ? $0.line : nil }
            column = diagnostic.location.flatMap { $0.column > 0 ? $0.column : nil }
            hint = diagnostic.hint
        }
    }

    var outreach = Outreach.version
    var mode: String
    var manifest: String
    var output: String?
    var ok: Bool
    var summary: [String: Int]
    var files: [File]
    var diagnostics: [Problem]
    /// Missing and stale translations per locale, when the campaign has more than one locale.
    var translations: TranslationStatus?

    init(mode: String, manifest: String, output: String?, files: [File], diagnostics: [Diagnostic], ok: Bool) {
        self.mode = mode
        self.manifest = manifest
        self.output = output
        self.files = files
        self.diagnostics = diagnostics.map(Problem.init)
        self.ok = ok
        var summary: [String: Int] = [:]
        for file in files { summary[file.status, default: 0] += 1 }
        summary["errors"] = diagnostics.filter { $0.severity == .error }.count
        summary["warnings"] = diagnostics.filter { $0.severity == .warning }.count
        self.summary = summary
        if let status = try? TranslationStatus.load(manifest: URL(fileURLWithPath: manifest), displayPath: manifest).0,
           !status.entries.isEmpty {
            translations = status
        }
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
