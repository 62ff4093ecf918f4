#if Preview
import Foundation
import OutreachKit

/// The HTML the preview writes itself: the index of materials, formats and locales, the
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

    /// The index: for each locale, one row per material and one column per format, each cell a
    /// link to its files; then the files that are no document's (assets).
    static func index(title: String, outputs: [PlannedOutput], problems: [Diagnostic], generation: Int) -> String {
        let documents = outputs.filter { $0.locale != nil }
        let locales = Array(Set(documents.compactMap(\.locale))).sorted()
        var sections = ""
        for locale in locales {
            let inLocale = documents.filter { $0.locale == locale }
            let formats = Array(Set(inLocale.map(\.format))).sorted()
            let materials = Array(Set(inLocale.map(\.material))).sorted()
            var rows = ""
            for material in materials {
                rows += "<tr><th scope=\"row\">\(escape(material))</th>"
                for format in formats {
                    let files = inLocale.filter { $0.material == material && $0.format == format }.map(\.path).sorted()
                    rows += "<td>\(links(files).joined(separator: "<br>"))</td>"
                }
                rows += "</tr>\n"
            }
            let header = formats.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
            let id = "locale-" + escapeAttribute(percentEncode(locale))
            sections += """
                <section aria-labelledby="\(id)"><h2 id="\(id)">Locale <code>\(escape(locale))</code></h2>
                <table><thead><tr><th scope="col">material</th>\(header)</tr></thead><tbody>
                \(rows)</tbody></table></section>

                """
        }
        let others = outputs.filter { $0.locale == nil }.map(\.path).sorted()
        if !others.isEmpty {
            sections += "<section aria-labelledby=\"assets\"><h2 id=\"assets\">Assets</h2><ul>"
                + links(others).map { "<li>\($0)</li>" }.joined() + "</ul></section>\n"
        }
        let summary = "\(documents.count) files in \(locales.count) locale\(locales.count == 1 ? "" : "s")"
            + (others.isEmpty ? "" : ", and \(others.count) asset\(others.count == 1 ? "" : "s")")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title)) · outreach preview</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}
            th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}
            .problems{border:2px solid #b00;padding:.5rem 1rem}.problems li{font-family:monospace;white-space:pre-wrap}</style>
            </head><body>
            <h1>\(escape(title))</h1>
            \(problemList(problems))
            <p>\(summary).</p>
            \(sections)
            <p>Run \(generation). This page and every HTML output reload when outreach makes them again.</p>
            \(reloadScript)
            </body></html>

            """
    }

    /// A link to each output path.
    private static func links(_ paths: [String]) -> [String] {
        paths.map { "<a href=\"/\(escapeAttribute(percentEncode($0)))\">\(escape($0))</a>" }
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
