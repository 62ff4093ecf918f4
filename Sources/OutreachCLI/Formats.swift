import ArgumentParser
import Foundation
import OutreachKit

/// `outreach formats`: list the output formats.
struct Formats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the output formats.")

    @Flag(help: "Print the list as JSON.")
    var json = false

    func run() throws {
        let formats = Generator(registry: CommandContext.registry).registry.formats
        if json {
            let entries = formats.map {
                ["name": $0.name, "extension": $0.fileExtension, "mediaType": $0.mediaType, "source": "built-in", "summary": $0.summary]
            }
            let data = try JSONSerialization.data(withJSONObject: entries, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let nameWidth = max(4, formats.map(\.name.count).max() ?? 0)
        let extensionWidth = max(9, formats.map(\.fileExtension.count).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        print("\(pad("NAME", nameWidth))  \(pad("EXTENSION", extensionWidth))  \(pad("SOURCE", 8))  SUMMARY")
        for format in formats {
            print("\(pad(format.name, nameWidth))  \(pad("." + format.fileExtension, extensionWidth))  \(pad("built-in", 8))  \(format.summary)")
        }
    }
}
