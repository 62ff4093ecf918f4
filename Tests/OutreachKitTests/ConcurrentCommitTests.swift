import Foundation
import Testing
@testable import OutreachKit

/// A commit on a second core writes the state and the run record while the renames go on
/// (``RenameProgress``): each output is stamped only once it is in place, neither file is put in
/// place before every rename is made, and a failed rename leaves neither.
@Suite(.hangGuard) struct ConcurrentCommitTests {
    /// A writer whose renames each take a few milliseconds, so the files written behind them catch
    /// up and must wait; and that fails the rename of `failing`, when given.
    static func slowRenames(failing: String? = nil) -> OutputWriter {
        var writer = OutputWriter()
        writer.fault = WriteFault { step, path in
            guard step == .rename else { return }
            usleep(3_000)
            if path == failing { throw POSIXError(.EROFS) }
        }
        return writer
    }

    static func generate(_ kit: Fixture, jobs: Int, writer: OutputWriter = OutputWriter()) async throws(DiagnosticError) -> (plan: GenerationPlan, results: WriteResults) {
        var generator = Generator(registry: .builtIn, environment: [:])
        generator.jobs = jobs
        return try await generator.generate(manifest: kit.manifest, displayPath: "outreach.yml", writer: writer)
    }

    /// The stamps a file in the output folder gives, by path: lines of `separator`-separated fields,
    /// the stamp's four first and the path last.
    static func stamps(in file: URL, separator: Character, after marker: String?) throws -> [String: [String]] {
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        if let marker, let start = lines.firstIndex(of: marker) { lines = Array(lines[(start + 1)...]) } else { lines.removeFirst() }
        var stamps: [String: [String]] = [:]
        for line in lines {
            let fields = line.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
            stamps[fields[fields.count - 1]] = Array(fields.prefix(4))
        }
        return stamps
    }

    /// The stamp of the file at `path` as the state and the record write it.
    static func stamp(of path: String) throws -> [String] {
        let stamp = try #require(OutputState.Stamp.of(path))
        return [stamp.inode, UInt64(stamp.size), UInt64(stamp.modified), UInt64(stamp.changed)].map { String($0) }
    }

    @Test func theStateAndTheRecordStampEachOutputInPlace() async throws {
        let kit = try Fixture()
        let (_, results) = try await Self.generate(kit, jobs: 2, writer: Self.slowRenames())
        #expect(results.count > 20)
        let state = try Self.stamps(in: kit.url("out/\(OutputState.fileName)"), separator: " ", after: nil)
        let record = try Self.stamps(in: kit.url("out/\(RunRecord.fileName)"), separator: "\t", after: "outputs")
        // Every output is recorded, and all but the few the cache does not describe (an asset copied
        // as it is) have a state; each with the stamp of the file in place.
        #expect(record.count == results.count)
        #expect(state.count > results.count - 5)
        for (output, _) in results {
            let now = try Self.stamp(of: kit.url("out/\(output.path)").path)
            #expect(record[output.path] == now, "\(output.path)")
            if let stamp = state[output.path] { #expect(stamp == now, "\(output.path)") }
        }
        #expect(Set(state.keys).isSubset(of: results.map(\.0.path)))
        // The cache is the one a commit on one core writes.
        let serial = try Fixture()
        _ = try await Self.generate(serial, jobs: 1)
        #expect(try Data(contentsOf: kit.url("out/\(RenderCache.fileName)")) == Data(contentsOf: serial.url("out/\(RenderCache.fileName)")))
        // The record and the state are newer than every output, though written right behind the last
        // rename: the very next run trusts every output from its stamp.
        let changes = results.map { OutputState.Stamp.of(kit.url("out/\($0.0.path)").path)?.changed ?? .max }
        let latest = try #require(changes.max())
        #expect(latest < .max)
        for file in [RunRecord.fileName, OutputState.fileName] {
            #expect(try #require(OutputState.Stamp.of(kit.url("out/\(file)").path)).modified > latest, "\(file)")
        }
        #expect(try await Self.generate(kit, jobs: 2).plan.answeredFromRecord)
    }

    @Test func aFailedRenameLeavesNeitherTheStateNorTheRecord() async throws {
        let kit = try Fixture()
        _ = try await Self.generate(kit, jobs: 2)
        #expect(FileManager.default.fileExists(atPath: kit.url("out/\(OutputState.fileName)").path))
        let cache = try Data(contentsOf: kit.url("out/\(RenderCache.fileName)"))
        // Every output of every material changes.
        try kit.edit("content/campaign.yml", replacing: "Blue Campaign", with: "Blue Campaign (edited)")
        let failing = "recognize-and-report.md"
        do {
            _ = try await Self.generate(kit, jobs: 2, writer: Self.slowRenames(failing: failing))
            Issue.record("expected the write to fail")
        } catch {
            #expect(error.diagnostics.map(\.code) == [.partiallyWritten])
            #expect(error.diagnostics.first?.message.contains(failing) == true)
        }
        #expect(!FileManager.default.fileExists(atPath: kit.url("out/\(OutputState.fileName)").path))
        #expect(!FileManager.default.fileExists(atPath: kit.url("out/\(RunRecord.fileName)").path))
        #expect(try Data(contentsOf: kit.url("out/\(RenderCache.fileName)")) == cache)
        #expect(WriterFaultTests.leftovers(in: kit).isEmpty)
        // The next run repairs the set.
        _ = try await Self.generate(kit, jobs: 2)
        #expect(kit.outputTree() == (try await RunRecordTests.fresh(kit)))
    }
}
