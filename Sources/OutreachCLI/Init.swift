internal import ArgumentParser
import Foundation
import OutreachKit

/// `outreach init`: scaffold a small working campaign.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a small working campaign to start from.",
        discussion: """
            Writes outreach.yml, content/ (a campaign, one agency, one contact and two messages), formats/ (one \
            template format), schemas/ (the JSON Schemas the files name for editors), .gitignore and \
            .github/workflows/outreach.yml into FOLDER. 'outreach generate' in FOLDER then makes its materials. \
            Existing files are never replaced. Exit status: 0 when written, 1 when a file exists, 2 for bad usage.
            """
    )

    @Argument(help: "The folder to write into; made when missing.")
    var folder: String = "."

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    func run() throws {
        let paths: [String]
        do {
            paths = try CampaignScaffold().write(in: URL(fileURLWithPath: folder))
        } catch {
            DiagnosticPrinter().print(error.diagnostics)
            throw ExitCode(exitStatus(for: error.diagnostics))
        }
        guard !quiet else { return }
        let prefix = folder == "." ? "" : (folder.hasSuffix("/") ? folder : folder + "/")
        for path in paths { print("wrote \(prefix)\(path)") }
        let enter = folder == "." ? "" : "cd \(folder) && "
        print("\nNext: \(enter)outreach generate")
    }
}
