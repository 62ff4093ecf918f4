import Foundation
import Testing
@testable import OutreachKit

/// The two-phase writer under faults: a failure while staging leaves the folder
/// exactly as it was, a failure while renaming names exactly the files replaced,
/// and the next run repairs everything.
@Suite(.hangGuard) struct WriterFaultTests {
    struct Injected: Error, CustomStringConvertible {
        var description: String { "injected failure" }
    }

    /// A kit written once, then edited so that every markdown, text and html output of one material changes.
    static func editedKit() async throws -> Fixture {
        let kit = try Fixture()
        _ = try await OutputWriter().write(kit.plan())
        try kit.edit("content/messages/recognize-the-signs.md", replacing: "---\nHuman trafficking means", with: "---\nA new first sentence.\n\nHuman trafficking means")
        return kit
    }

    static func failing(at step: WriteStep, path: String? = nil) -> OutputWriter {
        var writer = OutputWriter()
        writer.fault = WriteFault { current, currentPath in
            if current == step && (path == nil || currentPath == path) { throw Injected() }
        }
        return writer
    }

    static func leftovers(in kit: Fixture) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: kit.output.path)) ?? [])
            .filter { $0.hasPrefix(".outreach-staging-") || $0.hasSuffix(".tmp") }
    }

    @Test(arguments: [WriteStep.createStaging, .stage, .readList, .flush])
    func aFailureWhileStagingLeavesTheFolderExactlyAsItWas(step: WriteStep) async throws {
        let kit = try await Self.editedKit()
        let before = kit.outputTree(includingHidden: true)
        let plan = try await kit.plan()
        // The middle of the three changed files, so that one is staged before the failure.
        let path = step == .stage ? "recognize-and-report.md" : nil
        #expect(throws: DiagnosticError.self) { try Self.failing(at: step, path: path).write(plan) }
        do {
            _ = try Self.failing(at: step, path: path).write(plan)
        } catch {
            #expect(error.diagnostics.map(\.code) == [.writeFailed])
            #expect(error.diagnostics.first?.message.contains("injected failure") == true)
        }
        #expect(kit.outputTree(includingHidden: true) == before)
        #expect(Self.leftovers(in: kit).isEmpty)
    }

    @Test func aFailureWhileStagingIntoANewFolderRemovesIt() async throws {
        let kit = try Fixture()
        let plan = try await kit.plan()
        #expect(throws: DiagnosticError.self) { try Self.failing(at: .stage, path: "profiles/cbp.html").write(plan) }
        #expect(!FileManager.default.fileExists(atPath: kit.output.path))
    }

    @Test func aFolderInTheWayOfTheLastOutputWritesNothing() async throws {
        let kit = try await Self.editedKit()
        try FileManager.default.removeItem(at: kit.url("out/recognize-and-report.txt"))
        try FileManager.default.createDirectory(at: kit.url("out/recognize-and-report.txt"), withIntermediateDirectories: false)
        let before = kit.outputTree(includingHidden: true)
        do {
            _ = try OutputWriter().write(try await kit.plan())
            Issue.record("expected the write to fail")
        } catch {
            #expect(error.diagnostics.map(\.code) == [.writeFailed])
            #expect(error.diagnostics.first?.message.contains("a folder is in the way") == true)
        }
        #expect(kit.outputTree(includingHidden: true) == before)
    }

    @Test(.enabled(if: getuid() != 0, "root writes into read-only folders"))
    func aReadOnlySubfolderWritesNothing() async throws {
        let kit = try await Self.editedKit()
        try kit.edit("content/agencies.yml", replacing: "Coast Guard", with: "Coast Guard (edited)")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: kit.url("out/profiles").path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: kit.url("out/profiles").path) }
        let before = kit.outputTree(includingHidden: true)
        let plan = try await kit.plan()
        #expect(throws: DiagnosticError.self) { try OutputWriter().write(plan) }
        #expect(kit.outputTree(includingHidden: true) == before)
    }

    @Test func aFailedRenameNamesExactlyTheFilesReplacedAndTheNextRunRepairs() async throws {
        let kit = try await Self.editedKit()
        let old = kit.outputTree()
        let only = GenerateFilters(materials: ["recognize-and-report"])
        let plan = try await kit.plan(filters: only)
        do {
            _ = try Self.failing(at: .rename, path: "recognize-and-report.md").write(plan)
            Issue.record("expected the write to fail")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(error.diagnostics.count == 1)
            #expect(diagnostic.code == .partiallyWritten)
            // Renames go in path order: the html is replaced, the markdown fails, the text is left.
            #expect(diagnostic.message.contains("1 of 3 changed files was replaced ('out/recognize-and-report.html')"), "\(diagnostic.message)")
            #expect(diagnostic.message.hasSuffix("old version or do not exist yet: 'out/recognize-and-report.md', 'out/recognize-and-report.txt'"))
        }
        let mixed = kit.outputTree()
        #expect(mixed["recognize-and-report.html"] != old["recognize-and-report.html"])
        #expect(mixed["recognize-and-report.md"] == old["recognize-and-report.md"])
        #expect(mixed["recognize-and-report.txt"] == old["recognize-and-report.txt"])
        #expect(Self.leftovers(in: kit).isEmpty)

        let repaired = try OutputWriter().write(try await kit.plan(filters: only))
        #expect(repaired.filter { $0.1 == .written }.map(\.0.path) == ["recognize-and-report.md", "recognize-and-report.txt"])
        for output in plan.outputs { #expect(kit.outputTree()[output.path] == output.contents, "\(output.path)") }
    }

    /// The holder is looked up in the whole of /proc/locks, however long: with 300 other locks
    /// held it runs past the 4 KB that String(contentsOfFile:) reads of a /proc file.
    @Test(.enabled(if: Platform.isLinux, "reads /proc/locks")) func theHolderIsLookedUpInTheWholeLockTable() throws {
        let folder = try Fixture(copyingExample: false)
        var others: [Int32] = []
        defer { others.forEach { close($0) } }
        for index in 0..<300 {
            let descriptor = open(folder.url("lock-\(index)").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            try #require(descriptor >= 0 && flock(descriptor, LOCK_EX) == 0)
            others.append(descriptor)
        }
        let table = try #require(OutputLock.lockTable())
        #expect(table.utf8.count > 8192)
        #expect(table.split(separator: "\n").count >= 300)
        try FileManager.default.createDirectory(at: folder.url("out"), withIntermediateDirectories: true)
        let held = try #require(try OutputLock.acquire(in: folder.url("out"), display: "out", shared: false, timeout: 1))
        defer { held.release() }
        #expect {
            _ = try OutputLock.acquire(in: folder.url("out"), display: "out", shared: false, timeout: 0.1)
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.first?.message.contains("(process \(getpid()))") == true
        }
    }

    @Test func aSecondRunWaitsForTheLockThenNamesTheHolder() async throws {
        let kit = try await Self.editedKit()
        let before = kit.outputTree(includingHidden: true)
        let held = try #require(try OutputLock.acquire(in: kit.output, display: "out", shared: false, timeout: 1))
        defer { held.release() }
        var writer = OutputWriter()
        writer.lockTimeout = 0.2
        do {
            _ = try writer.write(try await kit.plan())
            Issue.record("expected the write to wait, then fail")
        } catch {
            #expect(error.diagnostics.map(\.code) == [.outputFolderLocked])
            let message = error.diagnostics.first?.message ?? ""
            #expect(message.hasPrefix("output folder 'out' is in use by another outreach run"))
            if Platform.isLinux { #expect(message.contains("(process \(getpid()))"), "\(message)") }
        }
        #expect(kit.outputTree(includingHidden: true) == before)
        // A check shares the folder with other checks but not with a writer.
        let plan = try await kit.plan()
        #expect(throws: DiagnosticError.self) { try OutputChecker().check(plan, extras: true, lockTimeout: 0.2) }
        held.release()
        #expect(try writer.write(plan).contains { $0.1 == .written })
    }

    @Test func checksShareTheLock() async throws {
        let kit = try Fixture()
        _ = try await OutputWriter().write(kit.plan())
        let shared = try #require(try OutputLock.acquire(in: kit.output, display: "out", shared: true, timeout: 1))
        defer { shared.release() }
        let entries = try OutputChecker().check(try await kit.plan(), extras: true, lockTimeout: 0.2)
        #expect(entries.allSatisfy { $0.status == .unchanged })
    }

    @Test func leftoversOfAKilledRunAreRemovedAndNeverCounted() async throws {
        let kit = try Fixture()
        _ = try await OutputWriter().write(kit.plan())
        try kit.write("out/.outreach-staging-999999/3", "half a file")
        try kit.write("out/profiles/.ice.html.outreach-4242.tmp", "half a file")
        // Writers before the staging area left those temporary files, and wrote no `.outreach-state`.
        try FileManager.default.removeItem(at: kit.url("out/.outreach-state"))
        let entries = try OutputChecker().check(try await kit.plan(), extras: true)
        #expect(entries.allSatisfy { $0.status == .unchanged }, "\(entries.filter { $0.status != .unchanged }.map(\.path))")
        let plan = try await kit.plan()
        let results = try OutputWriter().write(plan)
        #expect(results.count == plan.outputs.count, "the leftovers are not counted as outputs")
        #expect(results.allSatisfy { $0.1 == .unchanged })
        #expect(!FileManager.default.fileExists(atPath: kit.url("out/.outreach-staging-999999").path))
        #expect(!FileManager.default.fileExists(atPath: kit.url("out/profiles/.ice.html.outreach-4242.tmp").path))
    }

    /// The leftovers are looked for among the hidden names at the top of the folder, read one at a time.
    @Test func theTopOfTheFolderIsReadForItsHiddenNamesOnly() throws {
        let kit = try Fixture(copyingExample: false)
        for name in [".a", "b", "..c", "...", ".outreach-staging-1", "ü", ".ü", "material.html"] { try kit.write("f/\(name)", "x") }
        var names: [String] = []
        #expect(WriteSession.forEachHiddenName(inFolder: kit.url("f").path) { names.append($0) })
        #expect(names.sorted() == [".a", "..c", "...", ".outreach-staging-1", ".ü"].sorted())
        #expect(!WriteSession.forEachHiddenName(inFolder: kit.url("missing").path) { _ in })
    }

    /// Two outputs for one path (a format that names its own files can make them) are found when the
    /// staged set is sorted, before anything is renamed: nothing is written.
    @Test func twoOutputsForOnePathWriteNothing() async throws {
        let kit = try Fixture()
        _ = try await OutputWriter().write(kit.plan())
        let before = kit.outputTree(includingHidden: true)
        var plan = try await kit.plan()
        var twin = PlannedOutput(path: plan.outputs[plan.outputs.count / 2].path, format: "text", material: "twin", contents: Data("new".utf8))
        twin.locale = "en"
        plan.outputs.insert(twin, at: 0)
        plan.outputs[1].contents = Data("changed too".utf8)
        #expect(throws: DiagnosticError.self) { _ = try OutputWriter().write(plan) }
        do { _ = try OutputWriter().write(plan) } catch {
            #expect(error.diagnostics.count == 1 && error.diagnostics[0].code == .outputPathConflict)
            #expect(error.diagnostics[0].message.contains("are both written to \(quoted(twin.path))"))
        }
        #expect(kit.outputTree(includingHidden: true) == before)
    }

    /// Paths are told apart by their bytes, as the file system does: "é" composed and decomposed
    /// name two files, each with its own render cache line, and a rerun leaves both alone.
    @Test func pathsThatDifferOnlyInNormalizationAreTwoFiles() async throws {
        let kit = try Fixture()
        var plan = try await kit.plan()
        for (path, text) in [("caf\u{E9}.txt", "composed"), ("cafe\u{301}.txt", "decomposed")] {
            var output = PlannedOutput(path: path, format: "text", material: "cafe", contents: Data(text.utf8))
            output.cacheKey = ContentDigest.value(of: Data(text.utf8))
            plan.outputs.append(output)
        }
        let results = try OutputWriter().write(plan)
        #expect(results.count == plan.outputs.count && results.allSatisfy { $0.1 == .written })
        #expect(try kit.read("out/caf\u{E9}.txt") == "composed" && kit.read("out/cafe\u{301}.txt") == "decomposed")
        let cache = RenderCache.load(from: kit.output)
        #expect(cache.entries["caf\u{E9}.txt"]?.key == ContentDigest.value(of: Data("composed".utf8)))
        #expect(cache.entries["cafe\u{301}.txt"]?.key == ContentDigest.value(of: Data("decomposed".utf8)))
        #expect(try OutputWriter().write(plan).allSatisfy { $0.1 == .unchanged })
    }

    @Test func reservedNamesCannotBeOutputs() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "    formats: [markdown, text, html]", with: "    formats: [markdown]\n    output: \".outreach-{material}.{ext}\"")
        do {
            _ = try await kit.plan()
            Issue.record("expected the plan to fail")
        } catch {
            let diagnostic = try #require(error.diagnostics.first { $0.code == .reservedOutputName })
            #expect(diagnostic.message == "output path '.outreach-sheet.md' of material 'sheet' uses a name beginning '.outreach-', which outreach keeps for its own files")
            #expect(diagnostic.location?.file == "outreach.yml")
            #expect(diagnostic.location?.line == 8)
        }
    }
}
