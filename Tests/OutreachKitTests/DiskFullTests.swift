import Foundation
import Testing

/// A real full disk: the output folder on a tmpfs too small for the next run.
/// The run that cannot stage its files fails with the system's reason, says
/// nothing was written, and leaves every byte of the folder as it was (no
/// staging folder, no temporary file); with room again, the next run repairs.
///
/// Mounting needs root on Linux (CI runs as root); elsewhere the suite is off.
@Suite(.serialized, .hangGuard, .enabled(if: Tmpfs.canMount, "mounts a tmpfs: needs root on Linux"))
struct DiskFullTests {
    static let materials = 12

    @Test func aFullDiskWritesNothingAndTheNextRunRepairs() async throws {
        let kit = try Fixture.minimal()
        var manifest = "version: 1\ncontent: content\noutput: disk/out\nmaterials:\n"
        for index in 0..<Self.materials {
            manifest += "  - id: sheet-\(index)\n    layout: fact-sheet\n    formats: [markdown, text, html]\n"
        }
        try kit.write("outreach.yml", manifest)
        let disk = kit.url("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        try #require(Tmpfs.mount(["-t", "tmpfs", "-o", "size=512k", "tmpfs", disk.path]))
        defer { Tmpfs.mount(["-l", disk.path], program: "/bin/umount") }

        let first = try await CommandLineTests.run(["generate", "--quiet"], in: kit.root)
        try #require(first.status == 0, "\(first.stderr)")
        let before = kit.outputTree(at: "disk/out", includingHidden: true)
        #expect(before.keys.filter { !$0.hasPrefix(".") }.count == 3 * Self.materials)

        // Each of the 36 outputs grows by about 30 KB: over a megabyte, which the disk cannot hold.
        let paragraph = String(repeating: "A longer body for every sheet, so that the disk fills up. ", count: 8)
        try kit.edit("content/messages/signs.md", replacing: "Body text.", with: Array(repeating: paragraph, count: 60).joined(separator: "\n\n"))
        let full = try await CommandLineTests.run(["generate"], in: kit.root)
        #expect(full.status == 1)
        #expect(full.stderr.contains("No space left on device"), "\(full.stderr)")
        #expect(full.stderr.hasSuffix("; nothing was written\n"), "\(full.stderr)")
        #expect(kit.outputTree(at: "disk/out", includingHidden: true) == before, "the failed run changed the folder")

        try #require(Tmpfs.mount(["-o", "remount,size=16m", disk.path]))
        let repair = try await CommandLineTests.run(["generate"], in: kit.root)
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.hasSuffix("\(3 * Self.materials) files in disk/out: \(3 * Self.materials) written, 0 unchanged\n"), "\(repair.stdout)")
        let check = try await CommandLineTests.run(["generate", "--check"], in: kit.root)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let hidden = try FileManager.default.contentsOfDirectory(atPath: disk.appendingPathComponent("out").path).filter { $0.hasPrefix(".") }
        #expect(hidden.allSatisfy { !$0.hasPrefix(".outreach-staging-") && !$0.hasSuffix(".tmp") }, "\(hidden)")
    }
}

/// Mounting a tmpfs for the disk-full test.
enum Tmpfs {
    /// Whether a tmpfs can be mounted here: tried once, on a scratch folder.
    static let canMount: Bool = {
        guard Platform.isLinux, getuid() == 0 else { return false }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outreach-mount-probe-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(at: folder) }
        guard mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.path]) else { return false }
        return mount(["-l", folder.path], program: "/bin/umount")
    }()

    /// Runs mount (or umount) to its end; whether it succeeded.
    @discardableResult
    static func mount(_ arguments: [String], program: String = "/bin/mount") -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
