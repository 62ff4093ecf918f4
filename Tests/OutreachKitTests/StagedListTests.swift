import Foundation
import Testing
@testable import OutreachKit

/// The list of staged outputs a write session keeps in its staging area while a run renders:
/// read back, it holds exactly what the session would have kept in memory.
@Suite(.hangGuard) struct StagedListTests {
    /// An output with a path of `pathLength` bytes (non-ASCII included), and every field the list records.
    static func output(_ index: Int, pathLength: Int) -> (PlannedOutput, stagedName: UInt32?, line: (start: Int, count: Int)?) {
        let stem = "dossier-é-\(index)/"
        let path = stem + String(repeating: "x", count: max(1, pathLength - stem.utf8.count)) + ".md"
        var output = PlannedOutput(path: path, format: index % 3 == 0 ? "markdown" : "a-format-with-a-long-name",
                                   material: "material-\(index)-with-an-id-longer-than-fifteen-bytes",
                                   contents: Data(repeating: 0x61, count: index % 7))
        output.locale = index % 2 == 0 ? nil : (index % 4 == 1 ? "es" : "")
        output.knownOnDisk = index % 5 == 0
        output.recordedInCache = index % 10 == 0
        output.trustedByStamp = index % 15 == 0
        output.cacheKey = index % 3 == 0 ? nil : Digest256(bytes: [UInt8](repeating: UInt8(index % 251), count: 32))
        let staged: UInt32? = index % 4 == 0 ? nil : UInt32(index)
        let line: (start: Int, count: Int)? = index % 6 == 0 ? nil : (index * 1_000_003, index % 300 + 1)
        return (output, staged, line)
    }

    static func same(_ read: StagedOutputs, _ kept: StagedOutputs) {
        #expect(read.records.count == kept.records.count)
        for (a, b) in zip(read.records, kept.records) {
            #expect(read.path(a) == kept.path(b))
            #expect(a.stagedName == b.stagedName && a.lineCount == b.lineCount && a.lineStart == b.lineStart)
            #expect(a.flags == b.flags && a.size == b.size)
            #expect(a.material == b.material && a.format == b.format && a.locale == b.locale)
        }
    }

    @Test(arguments: [0, 1, 5_000])
    func readBackItHoldsWhatMemoryWouldHave(count: Int) throws {
        let folder = try Fixture(copyingExample: false).root
        let list = try StagedList(newFileAt: folder.appendingPathComponent("list").path)
        var kept = StagedOutputs()
        for index in 0..<count {
            // Some paths far longer than the list's blocks (256 KiB), so that records span blocks.
            let (output, staged, line) = Self.output(index, pathLength: index % 997 == 3 ? 600_000 : 20 + index % 90)
            try list.append(output, stagedName: staged, line: line)
            kept.append(output, stagedName: staged, line: line)
        }
        #expect(list.count == count)
        Self.same(try list.read(), kept)
    }

    @Test func aTruncatedListIsAnErrorNotAShorterList() throws {
        let folder = try Fixture(copyingExample: false).root
        let path = folder.appendingPathComponent("list").path
        let list = try StagedList(newFileAt: path)
        for index in 1...3 {
            let (output, staged, line) = Self.output(index, pathLength: 40)
            try list.append(output, stagedName: staged, line: line)
        }
        // The records are still buffered; written out, the file loses its last bytes before they are read back.
        _ = try list.read()
        #expect(truncate(path, 10) == 0)
        #expect(throws: (any Error).self) { _ = try list.read() }
    }
}
