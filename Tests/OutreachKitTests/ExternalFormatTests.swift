import Foundation
import Testing
@testable import OutreachKit

/// External formats end to end: the example `social-posts` plugin through the
/// generator, PATH discovery, the JSON schemas, and every way a plugin can fail.
///
/// Serialized: each render blocks its calling thread while the plugin runs,
/// and tests run on Swift's small cooperative pool. Every test runs plugins,
/// so every test has a time limit in place of any clock.
@Suite(.serialized, .hangGuard) struct ExternalFormatTests {
    static let socialPosts = Repository.root.appendingPathComponent("Examples/plugins/social_posts.py")
    static let broken = Repository.root.appendingPathComponent("Tests/OutreachKitTests/Plugins/broken_plugin.py")
    static let goldenFolder = Repository.golden.appendingPathComponent("plugins/social-posts")

    // MARK: Fixtures

    /// The example kit with `formats:` entries added and two materials in `formats`.
    static func kit(declaring declarations: String, formats: String = "[social-posts]") throws -> Fixture {
        let kit = try Fixture()
        try kit.edit("outreach.yml", replacing: "\nmaterials:\n", with: "\n\(declarations)\nmaterials:\n")
        let manifest = try kit.read("outreach.yml")
        try kit.write("outreach.yml", manifest + """

              - id: social-roles
                layout: fact-sheet
                audience: public
                formats: \(formats)
                messages: [everyone-has-a-role, blue-campaign-work, immigration-relief]
                agencies: [ice]
              - id: social-report
                layout: handout
                audience: public
                formats: \(formats)
                messages: [recognize-the-signs, how-to-report]

            """)
        return kit
    }

    /// The timeout of a plugin that is expected to answer: generous, since the whole suite runs at
    /// once on two cores, and in one fresh-clone CI run the example plugin did not answer `describe`
    /// within 20 s. Timeouts themselves are tested with programs that never answer.
    static let patientTimeout = 120.0

    static func socialPostsEntry(options: String = "") -> String {
        """
          - name: social-posts
            command: [python3, \(socialPosts.path)]
            timeout: 120
        \(options)
        """
    }

    /// The example kit with a material rendered by the broken plugin in `mode`.
    static func brokenKit(_ mode: String, timeout: Double = 5, name: String = "broken") throws -> Fixture {
        try kit(declaring: """
              - name: \(name)
                command: [python3, \(broken.path), \(mode)]
                timeout: \(timeout)
            """, formats: "[\(name)]")
    }

    static func csvRows(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }

    // MARK: The example plugin

    @Test func describeGivesNameExtensionMediaTypeAndSummary() async throws {
        let format = try await ExternalFormat.load(command: ["python3", Self.socialPosts.path], workingDirectory: Repository.root,
                                             timeout: Self.patientTimeout, expectedName: "social-posts")
        #expect(format.format == FormatDescriptor(
            name: "social-posts", fileExtension: "csv", mediaType: "text/csv",
            summary: "Social media posts of at most 280 characters, one per message, as CSV"))
        #expect(format.command == ["python3", Self.socialPosts.path])
    }

    @Test func socialPostsRenderThroughTheGenerator() async throws {
        let kit = try Self.kit(declaring: Self.socialPostsEntry())
        let plan = try await kit.plan()
        #expect(plan.warnings.isEmpty, "\(plan.warnings)")
        // The built-in formats are still made alongside.
        #expect(plan.outputs.map(\.path).contains("government-roles.html"))
        _ = try OutputWriter().write(plan)

        let roles = Self.csvRows(try kit.read("out/social-roles.csv"))
        #expect(roles.first == "message_id,characters,post")
        #expect(roles.dropFirst().map { String($0.prefix { $0 != "," }) } == ["everyone-has-a-role", "blue-campaign-work", "immigration-relief"])
        #expect(roles[1].contains("Everyone has a role in ending human trafficking.") && roles[1].contains("Call 1-888-373-7888."))

        let report = Self.csvRows(try kit.read("out/social-report.csv"))
        #expect(report.dropFirst().map { String($0.prefix { $0 != "," }) } == ["recognize-the-signs", "how-to-report"])
        // The how-to-report post already has the hotline number; it is not added twice.
        #expect(report[2].components(separatedBy: "1-888-373-7888").count == 2)
        for row in roles.dropFirst() + report.dropFirst() {
            let count = try #require(Int(row.split(separator: ",")[1]))
            #expect(count <= 280)
        }
    }

    @Test func socialPostsMatchTheirGoldenFiles() async throws {
        let kit = try Self.kit(declaring: Self.socialPostsEntry())
        let outputs = try await kit.plan(filters: GenerateFilters(formats: ["social-posts"])).outputs.filter { $0.format != "asset" }
        #expect(outputs.map(\.path) == ["social-report.csv", "social-roles.csv"])
        for output in outputs {
            try GoldenFile.check(output.contents, against: Self.goldenFolder.appendingPathComponent(output.path))
        }
    }

    @Test func optionsReachThePluginAndShortenedPostsWarn() async throws {
        let kit = try Self.kit(declaring: Self.socialPostsEntry(options: """
                options:
                  limit: 60
                  hashtags: ["#BlueCampaign"]
            """))
        let plan = try await kit.plan(filters: GenerateFilters(formats: ["social-posts"]))
        let shortened = plan.warnings.filter { $0.message.contains("shortened") }
        #expect(shortened.count == 5, "\(plan.warnings)")
        #expect(shortened.allSatisfy { $0.severity == .warning })
        #expect(shortened.first { $0.message.hasPrefix("social-roles.csv: post for message 'everyone-has-a-role'") } != nil)
        for output in plan.outputs where output.format == "social-posts" {
            for row in Self.csvRows(String(decoding: output.contents, as: UTF8.self)).dropFirst() {
                #expect(try #require(Int(row.split(separator: ",")[1])) <= 60)
            }
        }
    }

    @Test func foundOnPathAsOutreachFormatName() async throws {
        let bin = FileManager.default.temporaryDirectory.appendingPathComponent("outreach-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: bin) }
        let wrapper = bin.appendingPathComponent("outreach-format-social-posts")
        try Data("#!/bin/sh\nexec python3 '\(Self.socialPosts.path)' \"$@\"\n".utf8).write(to: wrapper)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)

        let kit = try Self.kit(declaring: "  - name: social-posts\n    options: {limit: 280}")
        let environment = ["PATH": bin.path]
        let plan = try await kit.plan(filters: GenerateFilters(formats: ["social-posts"]), environment: environment)
        #expect(plan.outputs.filter { $0.format != "asset" }.map(\.path) == ["social-report.csv", "social-roles.csv"])

        let listed = await Generator(environment: environment).availableFormats(manifest: nil, displayPath: "").registry
        let entry = try #require(listed.entry(named: "social-posts"))
        #expect(entry.source == .external(command: [wrapper.path]))
        #expect(entry.renderer.format.fileExtension == "csv")
    }

    @Test func parallelRendersDoNotDeadlock() async throws {
        let format = try await ExternalFormat.load(command: ["python3", Self.socialPosts.path], workingDirectory: Repository.root,
                                             timeout: Self.patientTimeout, expectedName: nil)
        let document = Document(metadata: DocumentMetadata(title: "T", locale: "en", material: "m", layout: "handout"),
                                blocks: [.heading(level: 2, content: [.text("Nothing")])])
        // A deadlock shows as the suite's time limit running out.
        let results = await Array(0..<8).concurrentMap(limit: 8) { _ in
            (try? await format.render(document, options: RenderOptions()))?.files.count == 1
        }
        #expect(results.allSatisfy { $0 })
    }

    // MARK: Schemas

    @Test func requestsAndResponsesMatchTheirSchemas() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outreach-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorded = folder.appendingPathComponent("render-request.json")

        // The request the generator really sends for the Blue Campaign kit.
        let kit = try Self.brokenKit("record, \(recorded.path)")
        _ = try await kit.plan(filters: GenerateFilters(materials: ["social-roles"], formats: ["broken"]))
        let describeRequest = folder.appendingPathComponent("describe-request.json")
        try ExternalFormatRequest.describe.encoded().write(to: describeRequest)
        try Self.validate([recorded, describeRequest], against: "external-format-request")
        // It holds the 1.1 parts the schema must describe: sections and typed contact cards.
        let request = try String(contentsOf: recorded, encoding: .utf8)
        // (The plugin wrote it back with Python's json module: ", " and ": " separators.)
        for part in [#""type": "section""#, #""about": "message""#, #""about": "agency""#, #""textLine": "#, #""reportingContacts": "#] {
            #expect(request.contains(part), "the recorded request has no \(part)")
        }
        let badRequest = folder.appendingPathComponent("bad-request.json")
        try Data(request.replacingOccurrences(of: #""about": "message""#, with: #""about": "messages""#).utf8).write(to: badRequest)
        #expect(throws: (any Error).self) { try Self.validate([badRequest], against: "external-format-request") }

        // The example plugin's real answers.
        let describeResponse = folder.appendingPathComponent("describe-response.json")
        try Self.runPlugin(Self.socialPosts, input: describeRequest).write(to: describeResponse)
        let renderResponse = folder.appendingPathComponent("render-response.json")
        try Self.runPlugin(Self.socialPosts, input: recorded).write(to: renderResponse)
        try Self.validate([describeResponse, renderResponse], against: "external-format-response")

        // The schema can fail: it rejects a response outreach rejects.
        let bad = folder.appendingPathComponent("bad-response.json")
        try Data(#"{"protocolVersion": "1.0", "files": [{"path": "../escape.txt", "content": 42}]}"#.utf8).write(to: bad)
        #expect(throws: (any Error).self) { try Self.validate([bad], against: "external-format-response") }
    }

    /// Validates JSON files against a schema under `Schemas/` with python3's `jsonschema`.
    static func validate(_ files: [URL], against schema: String) throws {
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                sys.exit("python3 has no 'jsonschema' module; install it (pip install jsonschema or apt-get install python3-jsonschema)")
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            failed = False
            for path in sys.argv[2:]:
                for error in validator.iter_errors(json.load(open(path))):
                    failed = True
                    print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message[:300]}")
            sys.exit(1 if failed else 0)
            """
        let schemaFile = Repository.root.appendingPathComponent("Schemas/\(schema).schema.json")
        let (status, output) = try run(["python3", "-c", script, schemaFile.path] + files.map(\.path))
        if output.contains("no 'jsonschema' module") {
            Issue.record("cannot validate against the schemas: \(output)")
        }
        struct Invalid: Error, CustomStringConvertible { var description: String }
        if status != 0 { throw Invalid(description: output) }
    }

    static func runPlugin(_ plugin: URL, input: URL) throws -> Data {
        let (status, output) = try run(["sh", "-c", "python3 \"$0\" < \"$1\"", plugin.path, input.path])
        #expect(status == 0, "\(output)")
        return Data(output.utf8)
    }

    static func run(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = try CleanEnvironment.make()
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    // MARK: Failures: each names the plugin, quotes its stderr, and writes nothing

    /// The one error a run with the broken plugin in `mode` gives.
    static func failure(_ mode: String, timeout: Double = 5, code: DiagnosticCode? = nil,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> String
    {
        let kit = try brokenKit(mode, timeout: timeout)
        let problems = await kit.problems()
        let errors = problems.filter { $0.severity == .error }
        let message = try #require(errors.first?.message, "no error for mode \(mode)", sourceLocation: sourceLocation)
        #expect(errors.count == 2, "one per material: \(errors.map(\.description))", sourceLocation: sourceLocation)
        if let code { #expect(errors.allSatisfy { $0.code == code }, "\(errors.map(\.code))", sourceLocation: sourceLocation) }
        #expect(message.hasPrefix("cannot render material 'social-") && message.contains("external format 'broken' (python3 \(broken.path) \(mode))"),
                "\(message)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: kit.root.appendingPathComponent("escape.txt").path), sourceLocation: sourceLocation)
        return message
    }

    /// The plugin hangs for good: only its timeout, not the suite's time limit, can end the run.
    @Test(.enabled(if: Platform.isLinux, "reads /proc to see that the plugin's child process is gone"))
    func hungPluginIsKilledWithinItsTimeout() async throws {
        let message = try await Self.failure("hang", timeout: 2.5, code: .pluginTimedOut)
        #expect(message.contains("did not answer within its timeout of 2.5 s and was stopped"), "\(message)")
        #expect(message.contains("| broken_plugin: about to hang"))
        // The plugin's own child process was killed with it.
        let pid = try #require(message.components(separatedBy: "child pid ").last?.prefix { $0.isNumber })
        #expect(Self.isGone(pid: String(pid)), "child process \(pid) still runs")
    }

    /// A plugin that answers correctly but leaves a child running: once
    /// `outreach generate` has exited, nothing the plugin started is left.
    @Test(.enabled(if: Platform.isLinux, "reads /proc to see that the plugin's child processes are gone"))
    func nothingAPluginStartedOutlivesTheRun() async throws {
        let kit = try Self.brokenKit("orphan")
        let run = try await CommandLineTests.run(["generate", "--quiet"], in: kit.root)
        #expect(run.status == 0, "\(run.stderr)")
        let pids = try kit.read("orphans.pid").split(separator: "\n").map(String.init)
        #expect(pids.count == 2, "one child per material: \(pids)")
        for pid in pids {
            #expect(Self.isGone(pid: pid), "child process \(pid) of the plugin still runs after outreach exited")
        }
    }

    static func isGone(pid: String) -> Bool {
        for _ in 0..<20 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if stat.components(separatedBy: ") ").last?.hasPrefix("Z") == true { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return !FileManager.default.fileExists(atPath: "/proc/\(pid)")
    }

    @Test func crashReportsTheExitStatusAndTheTailOfStderr() async throws {
        let message = try await Self.failure("crash")
        #expect(message.contains("exited with status 3; the end of its stderr:"), "\(message)")
        #expect(message.contains("| broken_plugin: giving up with exit 3"))
        // Only the last 20 lines.
        #expect(message.contains("| broken_plugin: trace line 12\n"))
        #expect(!message.contains("| broken_plugin: trace line 11\n"))
    }

    @Test func garbageOutputIsNotJSON() async throws {
        let message = try await Self.failure("garbage")
        #expect(message.contains("printed output that is not valid JSON: 'this is not { json'"), "\(message)")
        #expect(message.contains("| broken_plugin: printing garbage"))
    }

    @Test func anotherMajorProtocolVersionNamesBothVersions() async throws {
        let message = try await Self.failure("protocol2")
        #expect(message.contains("speaks protocol 2.0; this outreach speaks 1.1"), "\(message)")
        #expect(message.contains("(its stderr was empty)"))
    }

    @Test func anotherMajorProtocolVersionInDescribeIsALoadError() async throws {
        let kit = try Self.brokenKit("describe-protocol2")
        let problems = await kit.problems()
        let load = try #require(problems.one(containing: "speaks protocol 2.0; this outreach speaks 1.1"))
        #expect(load.message.hasPrefix("external format 'broken' (python3 \(Self.broken.path) describe-protocol2)"))
        #expect(load.location?.file == "outreach.yml" && (load.location?.line ?? 0) > 0)
    }

    @Test func newerMinorVersionWithUnknownKeysIsAccepted() async throws {
        let kit = try Self.brokenKit("ok")
        let plan = try await kit.plan(filters: GenerateFilters(formats: ["broken"]))
        let rendered = plan.outputs.filter { $0.format != "asset" }
        #expect(rendered.map(\.path) == ["social-report.txt", "social-roles.txt"])
        #expect(rendered.allSatisfy { $0.contents == Data("fine\n".utf8) })
    }

    @Test(arguments: [
        ("escape", "'../escape.txt' (files[0].path), which leaves the output folder with '..'"),
        ("absolute", "'/tmp/absolute.txt' (files[0].path), which is an absolute path"),
        ("backslash", "(files[0].path), which contains a backslash"),
        ("empty-component", "'sub//file.txt' (files[0].path), which has an empty path component"),
    ])
    func pathsThatEscapeTheOutputFolderAreRefused(mode: String, expected: String) async throws {
        let message = try await Self.failure(mode)
        #expect(message.contains(expected), "\(message)")
    }

    @Test func oversizedResponseIsCutOff() async throws {
        let message = try await Self.failure("huge", code: .pluginOutputTooLarge)
        #expect(message.contains("printed more than 16 MiB on stdout and was stopped"), "\(message)")
        #expect(message.contains("| broken_plugin: printing 17 MiB"))
    }

    @Test(arguments: [
        ("schema", "breaks the protocol schema: key 'files[0].content' must be a string", DiagnosticCode.invalidResponse),
        ("schema-missing", "breaks the protocol schema: required key 'files[0].content' is missing", .invalidResponse),
        ("bad-encoding", "key 'files[0].encoding' must be \"utf8\" or \"base64\", not 'latin1'", .invalidResponse),
        ("error-diagnostic", "reported an error: option 'x' is required", .pluginReportedError),
    ])
    func responsesThatBreakTheSchemaAreRefused(mode: String, expected: String, code: DiagnosticCode) async throws {
        let message = try await Self.failure(mode, code: code)
        #expect(message.contains(expected), "\(message)")
    }

    @Test func missingOrUnrunnableCommandIsALoadError() async throws {
        let kit = try Fixture()
        try kit.write("plugins/not-executable.py", "print('hi')\n")
        let cases: [([String], String)] = [
            (["/no/such/plugin"], "cannot be run: '/no/such/plugin' does not exist"),
            (["no-such-program-for-outreach"], "cannot be run: no program 'no-such-program-for-outreach' on PATH"),
            (["plugins/not-executable.py"], "is not an executable file"),
        ]
        for (command, expected) in cases {
            await #expect(throws: DiagnosticError.self) {
                try await ExternalFormat.load(command: command, workingDirectory: kit.root, timeout: 2, expectedName: "x")
            }
            do {
                _ = try await ExternalFormat.load(command: command, workingDirectory: kit.root, timeout: 2, expectedName: "x")
            } catch {
                let message = error.diagnostics.first?.message ?? ""
                #expect(error.diagnostics.first?.code == .pluginCannotRun)
                #expect(message.hasPrefix("external format 'x' (\(command.joined(separator: " ")))") && message.contains(expected), "\(message)")
            }
        }

        // Through the generator: reported at the manifest entry, and nothing is written.
        let run = try Self.kit(declaring: "  - name: social-posts\n    command: [no-such-program-for-outreach]")
        let problems = await run.problems()
        #expect(problems.one(containing: "no program 'no-such-program-for-outreach' on PATH")?.location?.line ?? 0 > 0)
    }

    @Test func describedNameMustMatchTheManifest() async throws {
        let kit = try Self.brokenKit("ok", name: "other")
        let problems = await kit.problems()
        #expect(problems.one(containing: "describes itself as 'broken', not 'other'")?.code == .formatNameMismatch)
    }

    @Test func pluginThatPrintsNothingIsRefused() async throws {
        let kit = try Self.brokenKit("no-read")
        let problems = await kit.problems()
        #expect(problems.one(containing: "printed nothing on stdout")?.code == .invalidResponse, "\(problems)")
    }
}
