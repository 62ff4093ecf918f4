import Foundation
import Testing

/// A manifest's `assets:` folder is copied into the output, known to `--check`; an image without alt text is an error.
@Suite(.hangGuard) struct AssetTests {
    typealias CLI = CommandLineTests

    static let logo = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0x10])

    static func kitWithAssets() throws -> Fixture {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "output: out\n", with: "output: out\nassets: assets\n")
        try FileManager.default.createDirectory(at: kit.url("assets/logos"), withIntermediateDirectories: true)
        try Self.logo.write(to: kit.url("assets/logos/campaign.png"))
        try kit.write("assets/.DS_Store", "hidden\n")
        try kit.edit("content/messages/signs.md", replacing: "Body text.", with: "![Campaign logo](assets/logos/campaign.png)\n\nBody text.")
        return kit
    }

    @Test func assetsAreCopiedAndChecked() async throws {
        let kit = try Self.kitWithAssets()
        let run = try await CLI.run(["generate"], in: kit.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("wrote out/assets/logos/campaign.png\n"))
        #expect(FileManager.default.contents(atPath: kit.url("out/assets/logos/campaign.png").path) == Self.logo)
        #expect(!FileManager.default.fileExists(atPath: kit.url("out/assets/.DS_Store").path))

        // --check knows them: an asset is not an extra file, and a changed asset makes it stale.
        let check = try await CLI.run(["generate", "--check"], in: kit.root)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        try Data([0x01]).write(to: kit.url("assets/logos/campaign.png"))
        let stale = try await CLI.run(["generate", "--check"], in: kit.root)
        #expect(stale.status == 1 && stale.stdout.contains("stale: out/assets/logos/campaign.png"), "\(stale.stdout)")
        try kit.edit("outreach.yml", replacing: "assets: assets\n", with: "")
        let extra = try await CLI.run(["generate", "--check"], in: kit.root)
        #expect(extra.status == 1 && extra.stdout.contains("extra: out/assets/logos/campaign.png"), "\(extra.stdout)")
    }

    @Test func anImageWithoutAltTextIsALocatedError() async throws {
        let kit = try Self.kitWithAssets()
        try kit.edit("content/messages/signs.md", replacing: "![Campaign logo](", with: "![ ](")
        let run = try await CLI.run(["generate"], in: kit.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/messages/signs.md:6:1: error: image 'assets/logos/campaign.png' has no alt text"), "\(run.stderr)")
        #expect(run.stderr.contains("(OUT0220)"))
        #expect(!FileManager.default.fileExists(atPath: kit.output.path), "a failed run wrote files")
    }

    @Test func aMissingAssetsFolderIsALocatedError() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "output: out\n", with: "output: out\nassets: media\n")
        let run = try await CLI.run(["generate"], in: kit.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("outreach.yml:4:9: error: assets folder 'media' does not exist"), "\(run.stderr)")
        #expect(run.stderr.contains("(OUT0118)"))
    }
}
