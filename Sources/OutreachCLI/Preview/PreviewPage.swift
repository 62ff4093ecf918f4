#if Preview
import Foundation
import OutreachKit

/// The HTML the preview writes itself: the index of materials and formats, the
/// problems of the last run, and the script that reloads a page when its output changes.
enum PreviewPage {
    /// Reloads the page when the server says the outputs changed (server-sent events).
    static let reloadScript = """
        <script>new EventSource("/_outreach/events").addEventListener("change", () => location.reload());</script>
        """

    /// `html` with the reload script before `</body>`, or at its end.
    static func injectingReload(into html: String) -> String {
        guard let end = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) else { return html + reloadScript }
        return html.replacingCharacters(in: end, with: reloadScript + "\n</body>")
    }

    /// The index: one row per material, one column per format, each cell a link to its files.
    static func index(title: String, outputs: [PlannedOutput], problems: [Diagnostic], generation: Int) -> String {
        let formats = Array(Set(outputs.map(\.format))).sorted()
        let materials = Array(Set(outputs.map(\.material))).sorted()
        var rows = ""
        for material in materials {
            rows += "<tr><th scope=\"row\">\(escape(material))</th>"
            for format in formats {
                let files = outputs.filter { $0.material == material && $0.format == format }.map(\.path).sorted()
                let links = files.map { "<a href=\"/\(escapeAttribute(percentEncode($0)))\">\(escape($0))</a>" }
                rows += "<td>\(links.joined(separator: "<br>"))</td>"
            }
            rows += "</tr>\n"
        }
        let header = formats.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title)) · outreach preview</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}
            th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}
            .problems{border:2px solid #b00;padding:.5rem 1rem}.problems li{font-family:monospace;white-space:pre-wrap}</style>
            </head><body>
            <h1>\(escape(title))</h1>
            \(problemList(problems))
            <table><thead><tr><th>material</th>\(header)</tr></thead><tbody>
            \(rows)</tbody></table>
            <p>Run \(generation). This page and every HTML output reload when outreach makes them again.</p>
            \(reloadScript)
            </body></html>

            """
    }

    /// The problems of the last run, located, or nothing when there were none.
    static func problemList(_ problems: [Diagnostic]) -> String {
        guard !problems.isEmpty else { return "" }
        let items = problems.map { "<li>\(escape($0.description))</li>" }.joined(separator: "\n")
        let errors = problems.contains { $0.severity == .error }
        let heading = errors ? "The last run failed; the files below are from the run before it" : "Warnings"
        return "<section class=\"problems\" id=\"problems\"><h2>\(heading)</h2><ul>\n\(items)\n</ul></section>"
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    static func escapeAttribute(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func percentEncode(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }
}
#endif
