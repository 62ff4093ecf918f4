import Foundation
import Testing
@testable import OutreachKit

/// Paths inside the repository, found from this file's location.
enum Repository {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let example = root.appendingPathComponent("Examples/blue-campaign")
    static let exampleManifest = example.appendingPathComponent("outreach.yml")
    static let golden = root.appendingPathComponent("Tests/OutreachKitTests/Golden")
}

/// A scratch folder with a copy of the example kit that a test may change.
struct Fixture {
    let root: URL

    /// A new empty folder, or one holding a copy of the Blue Campaign kit.
    init(copyingExample: Bool = true, keepingPDF: Bool = false) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("outreach-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if copyingExample {
            try FileManager.default.copyItem(
                at: Repository.example.appendingPathComponent("content"), to: root.appendingPathComponent("content"))
            try FileManager.default.copyItem(
                at: Repository.example.appendingPathComponent("assets"), to: root.appendingPathComponent("assets"))
            // The example's template formats stay where they are, in Examples/formats.
            let manifest = try String(contentsOf: Repository.exampleManifest, encoding: .utf8)
            let formats = Repository.root.appendingPathComponent("Examples/formats").path
            // The kit's PDFs need Chromium: PrintTests print them; every other test runs without a browser.
            let withoutPDF = keepingPDF ? manifest : manifest.replacingOccurrences(of: ", pdf]", with: "]")
            try Data(withoutPDF.replacingOccurrences(of: "folder: ../formats", with: "folder: \(formats)").utf8)
                .write(to: root.appendingPathComponent("outreach.yml"))
        }
    }

    var manifest: URL { root.appendingPathComponent("outreach.yml") }
    var output: URL { root.appendingPathComponent("out") }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func read(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    func write(_ path: String, _ text: String) throws {
        let target = url(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    /// Replaces the first occurrence of `old` in a file; fails the test when it is absent.
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let text = try read(path)
        try #require(text.contains(old), "fixture \(path) does not contain \(old)")
        guard let range = text.range(of: old) else { return }
        try write(path, text.replacingCharacters(in: range, with: new))
    }

    /// Plans with diagnostics named relative to the fixture, as a user in its folder would see them.
    func plan(filters: GenerateFilters = GenerateFilters(), environment: [String: String] = [:]) async throws(DiagnosticError) -> GenerationPlan {
        try await Generator(environment: environment).plan(manifest: manifest, displayPath: "outreach.yml", filters: filters)
    }

    /// The diagnostics a run throws; fails the test when the run succeeds, or
    /// when the failed run changed anything in the output folder.
    func problems(environment: [String: String] = [:]) async -> [Diagnostic] {
        let earlier = "out/earlier-output.txt"
        if !FileManager.default.fileExists(atPath: url(earlier).path) { try? write(earlier, "made by an earlier run\n") }
        let before = outputTree(includingHidden: true)
        defer { #expect(outputTree(includingHidden: true) == before, "a failed run changed the output folder") }
        do {
            let plan = try await plan(environment: environment)
            _ = try OutputWriter().write(plan)
            Issue.record("expected the run to fail")
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Every file under the fixture's output folder with its bytes; hidden files
    /// (the render cache) only when asked.
    func outputTree(includingHidden: Bool = false) -> [String: Data] {
        Self.tree(at: output, includingHidden: includingHidden)
    }

    /// Every file under `folder` with its bytes; hidden files only when asked.
    static func tree(at folder: URL, includingHidden: Bool = false) -> [String: Data] {
        var tree: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return tree }
        let base = folder.standardizedFileURL.path
        for case let file as URL in walker {
            let path = file.standardizedFileURL.path
            guard let data = FileManager.default.contents(atPath: path),
                  (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(path.dropFirst(base.count + 1))
            if !includingHidden && relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            tree[relative] = data
        }
        return tree
    }
}

extension Array where Element == Diagnostic {
    /// The one diagnostic whose message contains `text`; records an issue otherwise.
    func one(containing text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
        let matches = filter { $0.message.contains(text) }
        if matches.count != 1 {
            Issue.record("expected one diagnostic containing \(text), got \(matches.count): \(map(\.description))",
                         sourceLocation: sourceLocation)
        }
        return matches.first
    }
}

/// The environment of every program a test starts: nothing of the caller's,
/// so that a developer's `SOURCE_DATE_EPOCH`, `NO_COLOR`, locale, format
/// folders or Python do not change what a test sees.
enum CleanEnvironment {
    /// The system's programs only (`python3`, `sh`, `script`), never a user's shims.
    static let path = "/usr/local/bin:/usr/bin:/bin"

    /// `PATH`, `HOME` in a new empty folder, and `extra`, which wins over both.
    static func make(_ extra: [String: String] = [:]) throws -> [String: String] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("outreach-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return ["PATH": path, "HOME": home.path].merging(extra) { $1 }
    }
}

/// Runs a program to its end without holding a thread of Swift's cooperative
/// pool: tests run on that small pool (two threads on two cores), and the
/// external-format code needs a free pool thread while it waits for a plugin.
///
/// The program gets ``CleanEnvironment`` plus `environment`, never the environment the tests run in.
func runProcess(
    _ executable: URL, _ arguments: [String], in folder: URL, environment: [String: String] = [:]
) async throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.environment = try CleanEnvironment.make(environment)
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let stdout = PipeReader(out.fileHandleForReading)
    let stderr = PipeReader(err.fileHandleForReading)
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
        do { try process.run() } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
        }
    }
    return (status, String(decoding: await stdout.data(), as: UTF8.self), String(decoding: await stderr.data(), as: UTF8.self))
}

/// Reads a pipe to its end on a Dispatch thread, outside the cooperative pool.
final class PipeReader: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Data?
    private var waiter: CheckedContinuation<Data, Never>?

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            let data = handle.readDataToEndOfFile()
            let waiter = self.lock.withLock { () -> CheckedContinuation<Data, Never>? in
                self.result = data
                return self.waiter
            }
            waiter?.resume(returning: data)
        }
    }

    func data() async -> Data {
        await withCheckedContinuation { continuation in
            let ready = lock.withLock { () -> Data? in
                if result == nil { waiter = continuation }
                return result
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// What the tests need to know about the system they run on.
enum Platform {
    /// Linux, where `/proc` and util-linux `script` are.
    static let isLinux: Bool = {
        #if os(Linux)
        true
        #else
        false
        #endif
    }()
}

extension Trait where Self == TimeLimitTrait {
    /// The time limit every suite carries: a guard against a hang, not a speed
    /// test. Swift Testing starts a test's clock when it is scheduled, and the
    /// whole suite shares the cores with the command-plugin build and Chromium,
    /// so a test's wall time follows the machine and everything beside it (a
    /// 2-minute limit failed on a slower CI machine at 137 s). Speed is measured
    /// in `outreach-bench`, never here.
    static var hangGuard: Self { .timeLimit(.minutes(20)) }

    /// The command-plugin suite builds outreach again inside a fixture package:
    /// 5 to 11 minutes of its 14 on a loaded 2-core machine.
    static var buildGuard: Self { .timeLimit(.minutes(45)) }
}
