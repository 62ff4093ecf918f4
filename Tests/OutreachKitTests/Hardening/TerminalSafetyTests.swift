import Foundation
import Testing
@testable import OutreachCLI
@testable import OutreachKit

/// Untrusted text never reaches a terminal or an output with raw control characters.
@Suite struct TerminalSafetyTests {
    static let hostile = Diagnostic.error(
        .unknownReference, "unknown agency 'ice\u{1B}]0;owned\u{07}' in 'agencies'\nplugin stderr: \u{1B}[2J\r\u{202E}gnp.exe",
        at: SourceLocation(file: "content/\u{1B}[31mred\n.yml", line: 3, column: 4), hint: "did you mean '\u{9B}1m'?")

    static func hasRawControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" }
    }

    @Test func everyDiagnosticFormatShowsControlCharactersEscaped() throws {
        for style in DiagnosticStyle.allCases {
            let line = DiagnosticPrinter(style: style, environment: ["NO_COLOR": "1"]).line(Self.hostile)
            #expect(!Self.hasRawControl(line), "\(style): \(line.debugDescription)")
            #expect(line.contains("\\u{1B}"), "\(style)")
        }
        let json = RunReport(mode: "generate", manifest: "outreach.yml", output: nil, files: [], diagnostics: [Self.hostile], ok: false).json()
        #expect(!json.contains("\\u001b") && !json.contains("\\u001B"), "\(json)")
        #expect(json.contains("\\\\u{1B}"), "\(json)")
        let human = DiagnosticPrinter(style: .human, environment: ["NO_COLOR": "1"]).line(Self.hostile)
        #expect(human.hasPrefix("content/\\u{1B}[31mred\\u{A}.yml:3:4: error: "), "the file name stays on one line")
        #expect(human.contains("\nplugin stderr: "), "quoted stderr lines stay lines")
    }

    @Test func visibleControlCharactersLeavesOrdinaryTextAlone() {
        let text = "Tab\there, accents é, CJK 中文, emoji 👩‍👩‍👧\nnext line"
        #expect(visibleControlCharacters(text) == text)
        #expect(visibleControlCharacters("a\u{7F}b\u{0}c") == "a\\u{7F}b\\u{0}c")
    }

    @Test func controlCharactersInContentNeverReachAnOutput() async throws {
        let kit = try Fixture.minimal()
        try kit.write("content/messages/signs.md", "---\ntitle: Signs\naudiences: [public]\n---\nBody &#27;[2J text &#7; and `&#27;`.\n")
        let plan = try await kit.plan()
        #expect(!plan.outputs.isEmpty)
        for output in plan.outputs {
            let text = String(decoding: output.contents, as: UTF8.self)
            #expect(!Self.hasRawControl(text), "\(output.path)")
        }
    }
}
