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
    init(copyingExample: Bool = true) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("outreach-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if copyingExample {
            try FileManager.default.copyItem(
                at: Repository.example.appendingPathComponent("content"), to: root.appendingPathComponent("content"))
            // The example's template formats stay where they are, in Examples/formats.
            let manifest = try String(contentsOf: Repository.exampleManifest, encoding: .utf8)
            let formats = Repository.root.appendingPathComponent("Examples/formats").path
            try Data(manifest.replacingOccurrences(of: "folder: ../formats", with: "folder: \(formats)").utf8)
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
    func plan(filters: GenerateFilters = GenerateFilters(), environment: [String: String] = [:]) throws(DiagnosticError) -> GenerationPlan {
        try Generator(environment: environment).plan(manifest: manifest, displayPath: "outreach.yml", filters: filters)
    }

    /// The diagnostics a run throws; fails the test when the run succeeds, or
    /// when the failed run changed anything in the output folder.
    func problems(environment: [String: String] = [:]) -> [Diagnostic] {
        let earlier = "out/earlier-output.txt"
        if !FileManager.default.fileExists(atPath: url(earlier).path) { try? write(earlier, "made by an earlier run\n") }
        let before = outputTree()
        defer { #expect(outputTree() == before, "a failed run changed the output folder") }
        do {
            let plan = try plan(environment: environment)
            _ = try OutputWriter().write(plan)
            Issue.record("expected the run to fail")
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Every file under the fixture's output folder with its bytes.
    func outputTree() -> [String: Data] {
        var tree: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil) else { return tree }
        let base = output.standardizedFileURL.path
        for case let file as URL in walker {
            let path = file.standardizedFileURL.path
            guard let data = FileManager.default.contents(atPath: path),
                  (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            tree[String(path.dropFirst(base.count + 1))] = data
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
