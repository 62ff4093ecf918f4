internal import ArgumentParser
import Foundation
import OutreachKit

/// `outreach translations`: which messages are missing or stale in each locale.
struct Translations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report, per locale, the messages whose translation is missing or stale; mark translations current.",
        subcommands: [TranslationReport.self, Mark.self],
        defaultSubcommand: TranslationReport.self
    )
}

/// `outreach translations [report]`: the table.
struct TranslationReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report, per locale, the messages whose translation is missing or stale.",
        discussion: """
            A translation is stale when its source (the message in the campaign's default locale) changed \
            after 'outreach translations mark' recorded the source's digest in the translation's front matter \
            (translatedFrom:), and unmarked when it records none. Exit status: 0 when every translation is \
            there and current, 1 otherwise, 2 for bad usage.
            """
    )

    @OptionGroup var options: ManifestOptions

    @Flag(help: "Print the table as JSON.")
    var json = false

    func run() async throws {
        let status: TranslationStatus
        do {
            status = try TranslationStatus.load(manifest: options.url, displayPath: options.manifest).0
        } catch {
            DiagnosticPrinter().print(error.diagnostics)
            throw ExitCode(1)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
        } else {
            print(Self.table(status))
        }
        if !status.isComplete { throw ExitCode(1) }
    }

    /// One line per locale with its counts, then one line per message that is not current.
    static func table(_ status: TranslationStatus) -> String {
        let locales = Array(Set(status.entries.map(\.locale))).sorted()
        guard !locales.isEmpty else { return "no translation locales: the campaign lists only \(status.source)" }
        var lines: [String] = []
        for locale in locales {
            let entries = status.entries.filter { $0.locale == locale }
            let count = { (state: String) in entries.filter { $0.state == state }.count }
            lines.append("\(locale): \(count("current")) current, \(count("stale")) stale, \(count("unmarked")) unmarked, \(count("missing")) missing (of \(entries.count) \(status.source) messages)")
            for entry in entries where entry.state != "current" {
                lines.append("  \(entry.state.padding(toLength: 8, withPad: " ", startingAt: 0)) \(entry.message)\(entry.file.map { "  \($0)" } ?? "")")
            }
        }
        return lines.joined(separator: "\n")
    }

}

extension Translations {
    /// `outreach translations mark`: record that translations are up to date with their sources.
    struct Mark: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record in translations' front matter the digest of the source they were made from.",
            discussion: "With no FILE, marks every stale or unmarked translation. Run it after updating a translation."
        )

        @Option(help: "The manifest to read.")
        var manifest: String = "outreach.yml"

        @Argument(help: "Translation files to mark, such as content/messages/how-to-report.es.md.")
        var files: [String] = []

        func run() async throws {
            do {
                let (status, folder, display) = try TranslationStatus.load(manifest: URL(fileURLWithPath: manifest), displayPath: manifest)
                let changed = try TranslationMarker.mark(status, paths: files, contentFolder: folder, contentDisplay: display)
                for file in changed { print("marked \(file)") }
                if changed.isEmpty { print("nothing to mark") }
            } catch {
                DiagnosticPrinter().print(error.diagnostics)
                throw ExitCode(1)
            }
        }
    }
}
