import Foundation
import Testing
@testable import OutreachKit

/// The executable's digest is remembered per machine, keyed by the file's device, inode,
/// size and modification time: trusted while they hold, computed again when one changes.
@Suite struct BinaryIdentityTests {
    @Test func theDigestIsRememberedUntilTheFileChanges() throws {
        let folder = try Fixture(copyingExample: false)
        let file = folder.url("outreach-binary")
        try Data("a binary".utf8).write(to: file)
        let memo = folder.url("cache")
        let real = try #require(BinaryIdentity.fileDigest(file.path, rememberedIn: memo))
        var digest = ContentDigest.Streaming()
        digest.update(Data("a binary".utf8))
        #expect(real == digest.hex)

        // The memo is what a second run reads: a digest written there for the same file is trusted.
        let memoFile = try #require(try FileManager.default.contentsOfDirectory(at: memo, includingPropertiesForKeys: nil).first)
        let lines = try String(contentsOf: memoFile, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2 && lines[1] == real)
        let planted = String(repeating: "ab", count: 32)
        try Data("\(lines[0])\n\(planted)\n".utf8).write(to: memoFile)
        #expect(BinaryIdentity.fileDigest(file.path, rememberedIn: memo) == planted, "an unchanged file is not read again")

        // A rebuilt binary: its modification time (and here its size) change, so it is hashed again.
        try Data("a rebuilt binary".utf8).write(to: file)
        var rebuilt = ContentDigest.Streaming()
        rebuilt.update(Data("a rebuilt binary".utf8))
        #expect(BinaryIdentity.fileDigest(file.path, rememberedIn: memo) == rebuilt.hex)
        // Without a folder to remember in, the file is read every time.
        #expect(BinaryIdentity.fileDigest(file.path, rememberedIn: nil) == rebuilt.hex)
    }
}
