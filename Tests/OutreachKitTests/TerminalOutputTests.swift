import Foundation
import Testing

/// Colour and progress appear only on a terminal, and colour never with `NO_COLOR`.
/// `script` (util-linux) gives the command a pseudo-terminal.
@Suite(
    .enabled(if: Platform.isLinux && FileManager.default.isExecutableFile(atPath: "/usr/bin/script"),
             "needs util-linux 'script' (Linux) for a pseudo-terminal; BSD script takes other arguments"),
    .hangGuard)
struct TerminalOutputTests {
    static func onTerminal(_ command: String, in folder: URL, environment: [String: String] = [:]) async throws -> String {
        let line = "\(CommandLineTests.binary.path) \(command)"
        let result = try await runProcess(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", line, "/dev/null"],
                                          in: folder, environment: ["TERM": "xterm", "SHELL": "/bin/sh"].merging(environment) { $1 })
        return result.stdout
    }

    @Test func errorsAreColouredOnATerminalUnlessNoColorIsSet() async throws {
        let kit = try Fixture()
        try kit.edit("outreach.yml", replacing: "layout: handout", with: "layout: leaflet")
        let coloured = try await Self.onTerminal("generate", in: kit.root)
        #expect(coloured.contains("\u{1B}[1;31merror:\u{1B}[0m unknown layout 'leaflet'"), "\(coloured)")
        let plain = try await Self.onTerminal("generate", in: kit.root, environment: ["NO_COLOR": "1"])
        #expect(plain.contains("error: unknown layout 'leaflet'"))
        #expect(!plain.contains("\u{1B}["))
    }

    @Test func progressShowsOnATerminalOnly() async throws {
        let kit = try Fixture()
        let terminal = try await Self.onTerminal("generate", in: kit.root)
        #expect(terminal.contains("\rrendering 70/70"), "\(terminal)")
        let other = try Fixture()
        let piped = try await CommandLineTests.run(["generate"], in: other.root)
        #expect(!piped.stderr.contains("rendering"))
        #expect(!piped.stdout.contains("rendering"))
    }
}
