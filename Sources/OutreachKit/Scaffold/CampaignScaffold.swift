import Foundation

/// Writes a small, working campaign to start from (`outreach init`): a manifest,
/// content with one agency, one contact and two messages, a template format in
/// `formats/`, the JSON Schemas its files name for editors, a `.gitignore` and
/// the CI workflow.
package struct CampaignScaffold: Sendable {
    /// The schemas written to `schemas/`, which the scaffolded files reference.
    static let schemas = ["outreach", "campaign", "contacts", "agencies", "partners", "message", "format"]

    /// Creates a scaffold.
    package init() {}

    /// The files to write, relative to the campaign folder, in the order they are written.
    package var files: [(path: String, contents: String)] {
        var files: [(String, String)] = [
            ("outreach.yml", CampaignScaffoldText.manifest),
            ("content/campaign.yml", CampaignScaffoldText.campaign),
            ("content/contacts.yml", CampaignScaffoldText.contacts),
            ("content/agencies.yml", CampaignScaffoldText.agencies),
            ("content/messages/recognize-the-signs.md", CampaignScaffoldText.signs),
            ("content/messages/how-to-report.md", CampaignScaffoldText.report),
        ]
        let card = FormatScaffold(name: "card", kind: .template, directory: "formats")
        for file in card.files {
            let contents = file.path.hasSuffix("format.yml")
                ? "# yaml-language-server: $schema=../../schemas/format.schema.json\n" + file.contents : file.contents
            files.append((file.path, contents))
        }
        for name in Self.schemas {
            files.append(("schemas/\(name).schema.json", EmbeddedSchemas.files["\(name).schema.json"] ?? ""))
        }
        files.append((".gitignore", CampaignScaffoldText.gitignore))
        files.append((".github/workflows/outreach.yml", Self.pinningVersion(EmbeddedWorkflows.files["outreach.yml"] ?? "")))
        return files
    }

    /// The workflow with `OUTREACH_VERSION` set to this outreach's version, so that CI installs
    /// the release that made the campaign.
    static func pinningVersion(_ workflow: String) -> String {
        workflow.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let colon = line.firstIndex(of: ":"),
                  line[..<colon].trimmingCharacters(in: .whitespaces) == "OUTREACH_VERSION" else { return String(line) }
            return line[...colon] + " \"\(Outreach.version)\""
        }.joined(separator: "\n")
    }

    /// Writes the files under `folder`, creating it; refuses to replace any file, writing nothing then.
    package func write(in folder: URL) throws(DiagnosticError) -> [String] {
        let fileManager = FileManager.default
        let existing = files.map(\.path).filter { fileManager.fileExists(atPath: folder.appendingPathComponent($0).path) }
        guard existing.isEmpty else {
            throw DiagnosticError(existing.map {
                .error(.fileExists, "\(quoted($0)) already exists; nothing was written", at: SourceLocation(file: $0),
                       hint: "run 'outreach init' in an empty folder, or name a new one")
            })
        }
        do {
            for file in files {
                let url = folder.appendingPathComponent(file.path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
        } catch {
            throw DiagnosticError([.error(.writeFailed, "cannot write the new campaign: \(error.localizedDescription)")])
        }
        return files.map(\.path)
    }
}
