import Foundation

/// Records in a translation's front matter which version of its source it
/// was made from (`translatedFrom: DIGEST`), so a later change to the source
/// shows the translation as stale.
package enum TranslationMarker {
    /// The message file's text with `translatedFrom: digest` in its front matter,
    /// replacing an earlier one; nil when the text has no front matter.
    package static func marking(_ text: String, digest: String) -> String? {
        var lines = text.components(separatedBy: "\n")
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." || $0 == "---\r" }) else { return nil }
        let line = "translatedFrom: \(digest)"
        if let existing = lines[1..<end].firstIndex(where: { $0.hasPrefix("translatedFrom:") }) {
            lines[existing] = line
        } else {
            lines.insert(line, at: end)
        }
        return lines.joined(separator: "\n")
    }

    /// Marks each translation file in `paths` (or, when empty, every translation that is stale or
    /// unmarked) as made from its source's current text. Returns the files it changed.
    package static func mark(
        _ status: TranslationStatus, paths: [String], contentFolder: URL, contentDisplay: String
    ) throws(DiagnosticError) -> [String] {
        let wanted = Set(paths.map { ($0 as NSString).standardizingPath })
        var changed: [String] = []
        var problems: [Diagnostic] = []
        for entry in status.entries where entry.state == "stale" || entry.state == "unmarked" || (entry.state == "current" && !wanted.isEmpty) {
            guard let file = entry.file else { continue }
            guard wanted.isEmpty || wanted.contains((file as NSString).standardizingPath) else { continue }
            let url = file.hasPrefix(contentDisplay + "/")
                ? contentFolder.appendingPathComponent(String(file.dropFirst(contentDisplay.count + 1)))
                : URL(fileURLWithPath: file)
            guard let text = try? String(contentsOf: url, encoding: .utf8), let marked = marking(text, digest: entry.sourceDigest) else {
                problems.append(.error(.unreadableText, "cannot read the front matter of \(quoted(file))", at: SourceLocation(file: file, line: 1, column: 1)))
                continue
            }
            guard marked != text else { continue }
            do { try Data(marked.utf8).write(to: url, options: .atomic) } catch {
                problems.append(.error(.writeFailed, "cannot write \(quoted(file)): \(error.localizedDescription)", at: SourceLocation(file: file, line: 1, column: 1)))
                continue
            }
            changed.append(file)
        }
        let known = Set(status.entries.compactMap { $0.state == "missing" ? nil : $0.file }.map { ($0 as NSString).standardizingPath })
        for path in wanted.sorted() where !known.contains(path) {
            problems.append(.error(.unknownReference, "\(quoted(path)) is not a translation of a message", at: SourceLocation(file: path, line: 1, column: 1),
                                   hint: "name a file such as content/messages/NAME.LOCALE.md, as 'outreach translations' lists them"))
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return changed
    }
}
