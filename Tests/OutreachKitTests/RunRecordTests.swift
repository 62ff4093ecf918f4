import Foundation
import Testing
@testable import OutreachKit

/// The run record (`.outreach-run`): a rerun with every input as the last run read it and
/// every output as it wrote them is answered without reading the content; any other is made
/// the long way, and gives what a run into an empty folder gives.
@Suite(.hangGuard) struct RunRecordTests {
    struct Run {
        var plan: GenerationPlan
        var results: WriteResults
        var answered: Bool { plan.answeredFromRecord }
        var written: [String] { results.filter { $0.1 == .written }.map(\.0.path) }
    }

    static func run(_ kit: Fixture, environment: [String: String] = [:], filters: GenerateFilters = GenerateFilters(),
                    output: (url: URL, display: String)? = nil) async throws -> Run {
        let (plan, results) = try await Generator(registry: .builtIn, environment: environment)
            .generate(manifest: kit.manifest, displayPath: "outreach.yml", output: output, filters: filters)
        return Run(plan: plan, results: results)
    }

    /// Runs until the record vouches for every output: a file changed in the same clock tick as
    /// the record was written is not trusted from its stamp, so the run after it is made the long way.
    static func settle(_ kit: Fixture, environment: [String: String] = [:], filters: GenerateFilters = GenerateFilters()) async throws -> Run {
        for _ in 0..<5 {
            let run = try await run(kit, environment: environment, filters: filters)
            if run.answered { return run }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("no rerun was answered from the record")
        return try await run(kit, environment: environment, filters: filters)
    }

    /// What a run into an empty folder makes of the kit as it is now.
    static func fresh(_ kit: Fixture, environment: [String: String] = [:]) async throws -> [String: Data] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outreach-fresh-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await run(kit, environment: environment, output: (folder, "fresh"))
        return Fixture.tree(at: folder)
    }

    @Test func aRerunWithNothingChangedIsAnsweredFromTheRecordAndSaysWhatTheLongRunSaid() async throws {
        let kit = try Fixture()
        let first = try await Self.run(kit)
        #expect(!first.answered)
        #expect(FileManager.default.fileExists(atPath: kit.url("out/\(RunRecord.fileName)").path))
        let tree = kit.outputTree(includingHidden: true)
        let answered = try await Self.settle(kit)
        #expect(answered.results.allSatisfy { $0.1 == .unchanged })
        #expect(answered.results.map(\.0.path) == first.results.map(\.0.path))
        #expect(answered.results.map(\.0.size) == first.results.map(\.0.size))
        #expect(answered.results.map(\.0.format) == first.results.map(\.0.format))
        #expect(answered.results.map(\.0.material) == first.results.map(\.0.material))
        #expect(answered.results.map(\.0.locale) == first.results.map(\.0.locale))
        #expect(answered.plan.warnings == first.plan.warnings)
        #expect(answered.plan.outputDisplayPath == first.plan.outputDisplayPath)
        // Nothing in the folder changed, the record included (the lock file is made by the first run).
        let after = kit.outputTree(includingHidden: true)
        #expect(after.keys.sorted() == tree.keys.sorted())
        for (path, bytes) in tree where !path.hasPrefix(RunRecord.fileName) { #expect(after[path] == bytes, "\(path)") }
    }

    /// Each kind of input, changed in turn: the rerun is not answered from the record, and the
    /// folder then holds exactly what a run into an empty folder makes.
    @Test(arguments: ["manifest", "message", "new message", "agencies", "template", "template format", "asset",
                      "new asset", "user format", "date", "output edited", "output removed", "output touched",
                      "record damaged", "state removed", "leftover staging"])
    func eachInputIsSeen(change: String) async throws {
        let kit = try Fixture()
        var environment: [String: String] = [:]
        // A template folder and a user format folder, so that both are inputs from the start.
        try FileManager.default.createDirectory(at: kit.url("my-templates"), withIntermediateDirectories: true)
        try kit.write("my-templates/README", "page templates\n")
        try kit.edit("outreach.yml", replacing: "output: out", with: "output: out\ntemplates: my-templates")
        try FileManager.default.createDirectory(at: kit.url("user-formats"), withIntermediateDirectories: true)
        environment["OUTREACH_FORMATS_PATH"] = kit.url("user-formats").path
        _ = try await Self.run(kit, environment: environment)
        _ = try await Self.settle(kit, environment: environment)

        let formats = Repository.root.appendingPathComponent("Examples/formats")
        switch change {
        case "manifest": try kit.edit("outreach.yml", replacing: "output: out", with: "output: out\n# another comment")
        case "message": try kit.edit("content/messages/how-to-report.md", replacing: "title: How to report", with: "title: How to tell us")
        case "new message":
            try kit.write("content/messages/zz-unused.md", "---\ntitle: Unused\naudiences: [public]\n---\nText.\n")
            try kit.write("content/messages/zz-unused.es.md", "---\ntitle: Sin uso\naudiences: [public]\n---\nTexto.\n")
        case "agencies": try kit.edit("content/agencies.yml", replacing: "name:", with: "name:  ")
        case "template":
            let text = try String(contentsOf: Repository.root.appendingPathComponent("Templates/text.mustache"), encoding: .utf8)
            try kit.write("my-templates/text.mustache", text + "\nPrinted by the coalition.\n")
        case "template format":
            // The kit's format folder is the repository's: a copy of it is edited instead.
            let copy = kit.url("formats")
            try FileManager.default.copyItem(at: formats, to: copy)
            try kit.edit("outreach.yml", replacing: formats.path, with: copy.path)
            _ = try await Self.settle(kit, environment: environment)
            let templates = (FileManager.default.subpaths(atPath: copy.path) ?? []).filter { $0.hasSuffix(".mustache") }.sorted()
            let template = try #require(templates.first)
            try kit.write("formats/" + template, try kit.read("formats/" + template) + "\n")
        case "asset":
            let assets = (FileManager.default.subpaths(atPath: kit.url("assets").path) ?? []).filter { $0.hasSuffix(".svg") }.sorted()
            let asset = try #require(assets.first)
            var data = try Data(contentsOf: kit.url("assets/" + asset))
            data.append(0x0A)
            try data.write(to: kit.url("assets/" + asset))
        case "new asset": try kit.write("assets/notes.txt", "new\n")
        case "user format":
            try FileManager.default.copyItem(at: formats.appendingPathComponent("sms"), to: kit.url("user-formats/sms-copy"))
            try kit.edit("user-formats/sms-copy/format.yml", replacing: "name: sms", with: "name: sms-copy")
        case "date": environment["SOURCE_DATE_EPOCH"] = "1700000000"
        case "output edited": try kit.write("out/recognize-and-report.txt", "edited\n")
        case "output removed": try FileManager.default.removeItem(at: kit.url("out/recognize-and-report.md"))
        case "output touched":
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)],
                                                  ofItemAtPath: kit.url("out/recognize-and-report.html").path)
        case "record damaged":
            let record = try kit.read("out/\(RunRecord.fileName)")
            try kit.write("out/\(RunRecord.fileName)", String(record.prefix(record.utf8.count / 2)))
        case "state removed": try FileManager.default.removeItem(at: kit.url("out/\(OutputState.fileName)"))
        case "leftover staging":
            try FileManager.default.createDirectory(at: kit.url("out/.outreach-staging-999999"), withIntermediateDirectories: true)
            try kit.write("out/.outreach-staging-999999/0", "half a file")
        default: Issue.record("unknown change \(change)")
        }
        let rerun = try await Self.run(kit, environment: environment)
        let expectAnswered = change == "state removed" || change == "leftover staging"
        #expect(rerun.answered == expectAnswered, "\(change)")
        #expect(kit.outputTree() == (try await Self.fresh(kit, environment: environment)), "\(change)")
        #expect(!FileManager.default.fileExists(atPath: kit.url("out/.outreach-staging-999999").path))
        // The long run kept a new record, and the one after it is answered from it.
        #expect(try await Self.settle(kit, environment: environment).results.allSatisfy { $0.1 == .unchanged })
    }

    /// The stamps are compared a block of outputs at a time: an output changed in any block, the
    /// last one included, makes the rerun go the long way.
    @Test func anOutputChangedInAnyBlockOfStampsIsSeen() async throws {
        let kit = try Fixture()
        _ = try await Self.run(kit)
        let paths = try await RunRecord.$stampBlock.withValue(3) { try await Self.settle(kit) }.results.map(\.0.path)
        #expect(paths.count > 9)
        for index in [0, 2, 3, paths.count / 2, paths.count - 1] {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)],
                                                  ofItemAtPath: kit.url("out/" + paths[index]).path)
            let rerun = try await RunRecord.$stampBlock.withValue(3) { try await Self.run(kit) }
            #expect(!rerun.answered, "\(index): \(paths[index])")
            #expect(try await RunRecord.$stampBlock.withValue(3) { try await Self.settle(kit) }.answered)
        }
    }

    /// The built binary: a rerun answered from the record prints what a long no-op rerun prints,
    /// the report included, byte for byte.
    @Test func theCommandSaysTheSameEitherWay() async throws {
        let kit = try Fixture()
        let first = try await CommandLineTests.run(["generate", "--quiet"], in: kit.root)
        #expect(first.status == 0, "\(first.stderr)")
        var answers: [CommandLineTests.Run] = []
        var long: [CommandLineTests.Run] = []
        for arguments in [["generate"], ["generate", "--report", "json"]] {
            try FileManager.default.removeItem(at: kit.url("out/\(RunRecord.fileName)"))
            long.append(try await CommandLineTests.run(arguments, in: kit.root))
            // The long run kept the record again; the next one is answered from it once its stamps can be trusted.
            try await Task.sleep(for: .milliseconds(50))
            answers.append(try await CommandLineTests.run(arguments, in: kit.root))
        }
        for (one, other) in zip(long, answers) {
            #expect(one.status == 0 && other.status == 0)
            #expect(one.stdout == other.stdout)
            #expect(one.stderr == other.stderr)
        }
        #expect(answers[0].stdout.hasSuffix(" files in out: 0 written, \(kit.outputTree().count) unchanged\n"))
    }

    @Test func theOptionsAndTheOutputFolderAreInTheKey() async throws {
        let kit = try Fixture()
        _ = try await Self.run(kit)
        _ = try await Self.settle(kit)
        let one = GenerateFilters(materials: ["recognize-and-report"])
        let filtered = try await Self.run(kit, filters: one)
        #expect(!filtered.answered)
        #expect(Set(filtered.results.map(\.0.material)) == ["recognize-and-report", "asset"])
        #expect(try await Self.settle(kit, filters: one).results.count == filtered.results.count)
        // Back to the whole kit: the record is the filtered run's, so the long way again.
        #expect(!(try await Self.run(kit)).answered)
        for shard in ["1/2", "2/2"] {
            #expect(!(try await Self.run(kit, filters: GenerateFilters(shard: Shard(shard)))).answered)
        }
        // Strict, and another name for the manifest in messages, are other runs too.
        _ = try await Self.settle(kit)
        var strict = Generator(registry: .builtIn, environment: [:])
        strict.strict = true
        #expect(!(try await strict.generate(manifest: kit.manifest, displayPath: "outreach.yml").plan.answeredFromRecord))
        _ = try await Self.settle(kit)
        let renamed = try await Generator(registry: .builtIn, environment: [:]).generate(manifest: kit.manifest, displayPath: "./outreach.yml")
        #expect(!renamed.plan.answeredFromRecord)
    }

    @Test func aRunThatChangesAnOutputRemovesTheRecordBeforeItsFirstRename() async throws {
        let kit = try Fixture()
        _ = try await Self.run(kit)
        #expect(FileManager.default.fileExists(atPath: kit.url("out/\(RunRecord.fileName)").path))
        try kit.edit("content/messages/how-to-report.md", replacing: "title: How to report", with: "title: How to tell us")
        var writer = OutputWriter()
        writer.fault = WriteFault { step, path in
            if step == .rename, path == "recognize-and-report.txt" { throw POSIXError(.EROFS) }
        }
        await #expect(throws: DiagnosticError.self) {
            _ = try await Generator(registry: .builtIn, environment: [:]).generate(manifest: kit.manifest, displayPath: "outreach.yml", writer: writer)
        }
        #expect(!FileManager.default.fileExists(atPath: kit.url("out/\(RunRecord.fileName)").path))
        let repaired = try await Self.run(kit)
        #expect(!repaired.answered && !repaired.written.isEmpty)
        #expect(kit.outputTree() == (try await Self.fresh(kit)))
    }

    /// A rerun that waited for the folder's lock while another run held it reads the record again:
    /// the other run may have replaced it. Here the other run makes one material and leaves a record
    /// of that alone; a rerun that trusted the record it read before waiting would answer with that
    /// material's files only.
    @Test func aRerunThatWaitedForTheLockChecksTheRecordAgain() async throws {
        let kit = try Fixture()
        let first = try await Self.run(kit)
        #expect(try await Self.settle(kit).answered)
        let material = "recognize-and-report"
        #expect(first.results.contains { $0.0.material == material })
        let holding = Flag(), goOn = DispatchSemaphore(value: 0)
        var writer = OutputWriter()
        // The other run stops at the start of its commit, holding the lock, until the rerun waits for it.
        writer.fault = WriteFault { step, _ in
            guard step == .readList else { return }
            holding.set()
            goOn.wait()
        }
        let other = Task {
            try await Generator(registry: .builtIn, environment: [:]).generate(
                manifest: kit.manifest, displayPath: "outreach.yml", filters: GenerateFilters(materials: [material]), writer: writer)
        }
        for _ in 0..<3000 where !holding.isSet { try await Task.sleep(for: .milliseconds(10)) }
        guard holding.isSet else {
            goOn.signal()
            Issue.record("the other run never reached its commit: \(String(describing: await other.result))")
            return
        }
        let rerun = Task { try await Self.run(kit) }
        // The rerun checks its inputs in milliseconds, then waits for the lock.
        try await Task.sleep(for: .milliseconds(600))
        goOn.signal()
        let made = try await other.value
        // That material's files, and the assets every run copies.
        #expect(Set(made.results.map(\.0.material)) == [material, "asset"])
        let answered = try await rerun.value
        #expect(!answered.answered)
        #expect(answered.results.map(\.0.path) == first.results.map(\.0.path))
        #expect(answered.results.allSatisfy { $0.1 == .unchanged })
    }

    /// Set once, from any thread.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }

    @Test func runsThatCannotBeVouchedForKeepNoRecord() async throws {
        // A declared external format, even one no material uses: its program may read anything.
        let declared = try Fixture.minimal()
        try declared.edit("outreach.yml", replacing: "materials:", with: "formats:\n" + ExternalFormatTests.socialPostsEntry() + "\nmaterials:")
        _ = try await Self.run(declared)
        #expect(FileManager.default.fileExists(atPath: declared.url("out/sheet.md").path))
        #expect(!FileManager.default.fileExists(atPath: declared.url("out/\(RunRecord.fileName)").path))

        // An external format found on PATH, which the manifest does not declare as one.
        let onPath = try Fixture.minimal()
        let bin = onPath.url("bin")
        try onPath.write("bin/outreach-format-social-posts", "#!/bin/sh\nexec python3 \(ExternalFormatTests.socialPosts.path) \"$@\"\n")
        #expect(chmod(bin.appendingPathComponent("outreach-format-social-posts").path, 0o755) == 0)
        try onPath.edit("outreach.yml", replacing: "formats: [markdown, text, html]", with: "formats: [markdown, social-posts]")
        try onPath.edit("outreach.yml", replacing: "materials:", with: "formats:\n  - name: social-posts\n    timeout: 120\nmaterials:")
        let environment = ["PATH": bin.path + ":/usr/local/bin:/usr/bin:/bin"]
        let made = try await Self.run(onPath, environment: environment)
        #expect(made.results.contains { $0.0.format == "social-posts" })
        #expect(!FileManager.default.fileExists(atPath: onPath.url("out/\(RunRecord.fileName)").path))
        #expect(!(try await Self.run(onPath, environment: environment)).answered)

        // An output folder inside the content folder: its outputs would be inputs.
        let inside = try Fixture.minimal()
        try inside.edit("outreach.yml", replacing: "output: out", with: "output: content/out")
        _ = try await Self.run(inside)
        #expect(FileManager.default.fileExists(atPath: inside.url("content/out").path))
        #expect(!FileManager.default.fileExists(atPath: inside.url("content/out/\(RunRecord.fileName)").path))
        #expect(!(try await Self.run(inside)).answered)

        // A run that keeps none removes an older record.
        let kit = try Fixture.minimal()
        _ = try await Self.run(kit)
        #expect(FileManager.default.fileExists(atPath: kit.url("out/\(RunRecord.fileName)").path))
        var generator = Generator(registry: .builtIn, environment: [:])
        generator.usesRenderCache = false
        _ = try await generator.generate(manifest: kit.manifest, displayPath: "outreach.yml")
        #expect(!FileManager.default.fileExists(atPath: kit.url("out/\(RunRecord.fileName)").path))
    }

    @Test func aRecordOfAnotherManifestInTheSameFolderIsNotUsed() async throws {
        let kit = try Fixture.minimal()
        _ = try await Self.run(kit)
        try kit.write("other.yml", try kit.read("outreach.yml"))
        let other = try await Generator(registry: .builtIn, environment: [:])
            .generate(manifest: kit.url("other.yml"), displayPath: "other.yml")
        #expect(!other.plan.answeredFromRecord)
    }

    /// A record damaged in any of its lines is no record: the run is made the long way, and keeps a whole one.
    @Test(arguments: ["number past 64 bits", "negative size", "size past 56 bits", "stray backslash", "field missing",
                      "not a digest", "no outputs line", "another version", "empty", "binary"])
    func aDamagedRecordIsNoRecord(damage: String) async throws {
        let kit = try Fixture.minimal()
        _ = try await Self.run(kit)
        _ = try await Self.settle(kit)
        let record = try kit.read("out/\(RunRecord.fileName)")
        var lines = record.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(lines.firstIndex(of: "outputs")) + 1
        switch damage {
        case "number past 64 bits": lines[first] = "99999999999999999999999" + lines[first].drop { $0 != "\t" }
        case "negative size", "size past 56 bits":
            // What a run keeps of each output notes its size in 56 bits (``StagedOutputs/Record``).
            var fields = lines[first].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            fields[1] = damage == "negative size" ? "-5" : String(1 << 56)
            lines[first] = fields.joined(separator: "\t")
        case "stray backslash": lines[first] += "\\"
        case "field missing": lines[first] = String(lines[first].drop { $0 != "\t" }.dropFirst())
        case "not a digest": lines[1] = "key " + String(repeating: "g", count: 64)
        case "no outputs line": lines.remove(at: first - 1)
        case "another version": lines[0] = "outreach-run 2"
        case "empty": lines = [""]
        case "binary": lines = [String(decoding: [0xFF, 0xFE, 0x00, 0x0A], as: UTF8.self)]
        default: Issue.record("unknown damage \(damage)")
        }
        try kit.write("out/\(RunRecord.fileName)", lines.joined(separator: "\n"))
        let rerun = try await Self.run(kit)
        #expect(!rerun.answered, "\(damage)")
        #expect(rerun.results.allSatisfy { $0.1 == .unchanged })
        #expect(try await Self.settle(kit).answered)
    }

    @Test func theOutputFolderIsFoundFromASimpleTopLevelLineOnly() {
        func hint(_ text: String) -> String? { RunRecord.outputHint(in: Data(text.utf8)) }
        #expect(hint("version: 1\noutput: out\n") == "out")
        #expect(hint("output: 'my out' # where\n") == "my out")
        #expect(hint("output: \"site/materials\"\r\n") == "site/materials")
        #expect(hint("output: /srv/out\n") == "/srv/out")
        #expect(hint("materials:\n  - output: x\n") == nil, "only a top-level key")
        #expect(hint("output: a\noutput: b\n") == nil)
        #expect(hint("output: *anchor\n") == nil)
        #expect(hint("output: \"a\\tb\"\n") == nil)
        #expect(hint("output:\n") == nil)
        #expect(hint("{output: out}\n") == nil)
    }

    @Test func treesAreHashedWithoutFollowingLoopsOrReadingPipes() throws {
        let kit = try Fixture.minimal()
        let folder = kit.url("tree").path
        try FileManager.default.createDirectory(atPath: folder + "/a", withIntermediateDirectories: true)
        try kit.write("tree/a/file", "one")
        try FileManager.default.createSymbolicLink(atPath: folder + "/a/up", withDestinationPath: folder)
        #expect(mkfifo(folder + "/pipe", 0o600) == 0)
        var tree = InputTree()
        let digest = tree.digest(of: folder)
        let first = try #require(digest)
        let same = tree.digest(of: folder)
        #expect(same == first)
        try kit.write("tree/a/file", "two")
        var again = InputTree()
        let changed = again.digest(of: folder)
        #expect(changed != nil && changed != first)
        let absent = again.digest(of: kit.url("nothing-here").path)
        #expect(absent != nil, "an absent folder is a state too")
    }
}
