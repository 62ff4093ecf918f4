import Foundation
import Testing

/// `kill -9` of a real run, again and again, over a few thousand files: every
/// file is complete old or complete new, and the next run repairs everything
/// and says truly what it wrote.
@Suite(.hangGuard, .enabled(if: Platform.isLinux, "kills the child with SIGKILL and reads /proc"))
struct KillTests {
    static let materials = 700

    /// The minimal kit with `materials` fact sheets in three formats.
    static func bigKit() throws -> Fixture {
        let kit = try Fixture.minimal()
        var manifest = "version: 1\ncontent: content\noutput: out\nmaterials:\n"
        for index in 0..<materials {
            manifest += "  - id: sheet-\(index)\n    layout: fact-sheet\n    formats: [markdown, text, html]\n"
        }
        try kit.write("outreach.yml", manifest)
        return kit
    }

    /// Starts the binary, kills it with SIGKILL after `delay` seconds (unless it ended), and waits for it:
    /// whether it was killed, and how long it ran.
    static func runAndKill(_ arguments: [String], in folder: URL, after delay: Double) async throws -> (killed: Bool, seconds: Double) {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = try CleanEnvironment.make()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let ended: Task<Void, Never>
        let stream = AsyncStream<Void> { continuation in
            process.terminationHandler = { _ in continuation.yield(); continuation.finish() }
        }
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        ended = Task { for await _ in stream {} }
        try await Task.sleep(for: .seconds(delay))
        let killed = process.isRunning && kill(process.processIdentifier, SIGKILL) == 0
        await ended.value
        return (killed, (clock.now - start) / .seconds(1))
    }

    @Test func killedRunsLeaveEveryFileCompleteAndTheNextRunRepairs() async throws {
        let kit = try Self.bigKit()
        let first = try await CommandLineTests.run(["generate", "--quiet"], in: kit.root)
        #expect(first.status == 0, "\(first.stderr)")
        let old = kit.outputTree()
        #expect(old.count == 3 * Self.materials)

        try kit.edit("content/messages/signs.md", replacing: "Body text.", with: "Body text, longer now.")
        let clock = ContinuousClock()
        let start = clock.now
        let reference = try await CommandLineTests.run(["generate", "--quiet", "--output", "new"], in: kit.root)
        // How long a full run takes; a run that ends before its kill shows a shorter time (the machine
        // was busier during the reference run), and the later kills aim at that.
        var duration = (clock.now - start) / .seconds(1)
        #expect(reference.status == 0, "\(reference.stderr)")
        let new = kit.outputTree(at: "new")
        #expect(Set(new.keys) == Set(old.keys))

        // A kill aimed at each of these points of a run, in turn. A run that ended before its kill
        // (the tests around it finished and the machine sped up) is tried again at the same point
        // of the fastest run seen: run beside the whole suite, all five runs once ended first.
        let fractions = [0.3, 0.6, 0.8, 0.9, 0.97]
        var kills = 0, attempts = 0
        while kills < fractions.count, attempts < 20 {
            attempts += 1
            let run = try await Self.runAndKill(["generate", "--quiet"], in: kit.root, after: duration * fractions[kills])
            if run.killed {
                kills += 1
            } else {
                duration = min(duration, run.seconds)
                // It finished: put the old outputs back, so that the next run again has every file to write.
                for (path, data) in old { try data.write(to: kit.output.appendingPathComponent(path)) }
            }
            let tree = kit.outputTree()
            #expect(Set(tree.keys) == Set(old.keys), "a killed run left files that are neither old nor new outputs")
            let torn = tree.filter { path, data in data != old[path] && data != new[path] }.map(\.key)
            #expect(torn.isEmpty, "files neither complete old nor complete new: \(torn.prefix(5))")
        }
        #expect(kills > 0, "no run was killed before it ended")

        let stale = kit.outputTree().filter { new[$0.key] != $0.value }.count
        let repair = try await CommandLineTests.run(["generate"], in: kit.root)
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.hasSuffix("\(old.count) files in out: \(stale) written, \(old.count - stale) unchanged\n"))
        #expect(kit.outputTree() == new)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: kit.output.path).filter { $0.hasPrefix(".") }.sorted()
        #expect(hidden == [".outreach-cache", ".outreach-lock", ".outreach-run", ".outreach-state"])
        let check = try await CommandLineTests.run(["generate", "--check", "--quiet"], in: kit.root)
        #expect(check.status == 0, "\(check.stdout)")
    }
}

extension Fixture {
    /// Every file under a folder of the fixture with its bytes, leaving out hidden ones unless asked.
    func outputTree(at folder: String, includingHidden: Bool = false) -> [String: Data] {
        let base = url(folder).standardizedFileURL.path
        var tree: [String: Data] = [:]
        for path in FileManager.default.subpaths(atPath: base) ?? []
        where includingHidden || !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isFolder), !isFolder.boolValue,
                  let data = FileManager.default.contents(atPath: base + "/" + path) else { continue }
            tree[path] = data
        }
        return tree
    }
}
