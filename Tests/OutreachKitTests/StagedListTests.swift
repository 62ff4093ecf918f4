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
            #expect(a.flags == b.flags && read.size(of: a) == kept.size(of: b))
            #expect(read.names(a) == kept.names(b))
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

    /// A record names its material, format and locale by number; each keeps its own names
    /// through a sort, with materials that come back after others and kinds shared by many.
    @Test func eachRecordKeepsItsNamesThroughASort() {
        var outputs = StagedOutputs()
        var expected: [String: StagedOutputs.Names] = [:]
        let materials = ["b", "a", "b", "c-with-an-id-longer-than-fifteen-bytes", "a"]
        for (index, material) in materials.enumerated() {
            for (format, locale) in [("markdown", nil), ("html", "es"), ("markdown", "es"), ("html", nil)] as [(String, String?)] {
                let path = "\(index)/\(format)-\(locale ?? "none")-\(material)"
                var output = PlannedOutput(path: path, format: format, material: material, contents: Data())
                output.locale = locale
                outputs.append(output, stagedName: nil, line: nil)
                expected[path] = StagedOutputs.Names(material: material, format: format, locale: locale)
            }
        }
        #expect(outputs.sort() == nil)
        #expect(outputs.records.count == expected.count)
        for record in outputs.records { #expect(outputs.names(record) == expected[outputs.path(record)]) }
        // What a write keeps of each output, as the type's documentation says.
        #expect(MemoryLayout<StagedOutputs.Record>.stride == 16)
        // What a run keeps of each page it has planned and not yet rendered, as ``PlannedPage`` says.
        #expect(MemoryLayout<PlannedPage?>.stride == 32)
    }

    /// A record keeps a path of any length (its length is written before it, 7 bits a byte), a size up
    /// to its limit, its flags, and a cache line it can note; a line past what 40 and 20 bits note is left out, not cut short.
    @Test func pathsOfEveryLengthAndLinesAtTheLimits() throws {
        var outputs = StagedOutputs()
        let lengths = [1, 127, 128, 129, 16_383, 16_384, 16_385, 2_097_152]
        let lines: [(start: Int, count: Int)?] = [
            nil, (0, 1), ((1 << 40) - 1, (1 << 20) - 1), (1 << 40, 5), (7, 1 << 20), (123_456_789_012, 300), (-1, 4), (5, 0),
        ]
        for (index, length) in lengths.enumerated() {
            let path = String(repeating: "é", count: length / 2) + String(repeating: "p", count: length % 2)
            let output = PlannedOutput(path: path, format: "markdown", material: "m\(index)", contents: Data(count: index))
            outputs.append(output, stagedName: UInt32(index), line: lines[index])
        }
        for (index, record) in outputs.records.enumerated() {
            #expect(outputs.pathBytes(record).count == lengths[index])
            #expect(outputs.size(of: record) == index && record.stagedName == UInt32(index))
            let expected = lines[index].flatMap { line in
                line.start >= 0 && line.start < 1 << 40 && line.count > 0 && line.count < 1 << 20 ? line : nil
            }
            #expect(record.lineStart == expected?.start ?? 0 && Int(record.lineCount) == expected?.count ?? 0, "line \(index)")
        }
        #expect(StagedOutputs.room(forPathOf: 0) == 1 && StagedOutputs.room(forPathOf: 127) == 128)
        #expect(StagedOutputs.room(forPathOf: 128) == 130 && StagedOutputs.room(forPathOf: 16_384) == 16_387)
        #expect(StagedOutputs.canKeep(pathBytes: Int(UInt32.max)) && !StagedOutputs.canKeep(pathBytes: Int(UInt32.max) + 1))
    }

    /// The records are put in the order of their paths' bytes, each with its own fields, whatever
    /// order they came in; a path written twice is found.
    @Test func sortingPutsEveryRecordInPathOrderWithItsOwnFields() {
        var outputs = StagedOutputs()
        var state: UInt64 = 42
        var sizes: [String: Int] = [:]
        for index in 0..<3_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Paths that share long prefixes, with bytes above ASCII, in no order.
            let path = "f\(state >> 60)/é-\(state >> 40 & 0xFFF)-\(index)"
            let output = PlannedOutput(path: path, format: "markdown", material: "m\(index / 3)", contents: Data(count: index))
            outputs.append(output, stagedName: UInt32(index), line: nil)
            sizes[path] = index
        }
        #expect(outputs.sort() == nil)
        let sorted = outputs.records.map { outputs.pathBytes($0) }
        #expect(sorted == sizes.keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        for record in outputs.records {
            let path = outputs.path(record)
            #expect(outputs.size(of: record) == sizes[path] && record.stagedName == UInt32(sizes[path] ?? -1))
            #expect(outputs.names(record).material == "m\((sizes[path] ?? 0) / 3)")
        }
        outputs.append(PlannedOutput(path: outputs.path(outputs.records[7]), format: "html", material: "x", contents: Data()),
                       stagedName: nil, line: nil)
        let repeated = outputs.sort()
        #expect(repeated != nil && outputs.path(outputs.records[repeated ?? 0]) == outputs.path(outputs.records[(repeated ?? 1) - 1]))
    }
}

/// What a write keeps of each output, at the edges of what it notes.
@Suite(.hangGuard) struct StagedRecordTests {
    /// Sizes of every width of their 7-bit groups up to the limit (a size past it is noted at it),
    /// every combination of flags, and materials that come back after more than
    /// ``StagedOutputs/recentMaterials`` others: each record keeps its own, through a sort.
    @Test func sizesFlagsAndMaterialsFarApartAreKept() {
        let limit = StagedOutputs.Record.sizeLimit
        let sizes = [0, 1, 127, 128, 16_383, 16_384, Int(UInt32.max) + 5, limit - 1, limit, Int.max]
        var outputs = StagedOutputs()
        var expected: [String: (size: Int, names: StagedOutputs.Names, flags: StagedOutputs.Flags)] = [:]
        var index = 0
        // "again" comes back after 20 other materials, and once more right after.
        let materials = ["again"] + (0..<20).map { "m\($0)" } + ["again", "again", "last"]
        for material in materials {
            for bits in 0..<16 {
                var output = PlannedOutput(path: "p\(999_999 - index)", format: bits % 2 == 0 ? "html" : "text", material: material,
                                           locale: bits % 3 == 0 ? nil : "es", size: sizes[index % sizes.count])
                output.knownOnDisk = bits & 1 != 0
                output.recordedInCache = bits & 2 != 0
                output.cacheKey = bits & 4 != 0 ? Digest256(bytes: [UInt8](repeating: 1, count: 32)) : nil
                output.trustedByStamp = bits & 8 != 0
                outputs.append(output, stagedName: UInt32(index), line: (index * 100, 50))
                expected[output.path] = (min(output.size, limit - 1), StagedOutputs.Names(material: material, format: output.format, locale: output.locale),
                                         StagedOutputs.flags(of: output))
                index += 1
            }
        }
        #expect(outputs.sort() == nil)
        #expect(outputs.records.count == expected.count)
        for record in outputs.records {
            let path = outputs.path(record), want = expected[path]
            #expect(outputs.size(of: record) == want?.size, "\(path)")
            #expect(outputs.names(record) == want?.names, "\(path)")
            #expect(record.flags == want?.flags, "\(path)")
            #expect(record.lineCount == 50 && record.lineStart == Int(record.stagedName) * 100)
        }
        // Every flag a record notes fits the 4 bits it has for them.
        let all: StagedOutputs.Flags = [.knownOnDisk, .recorded, .cached, .trustedByStamp]
        #expect(all.rawValue < 16)
    }

    /// Outputs found unchanged (a rerun answered from the run record) keep only where each path
    /// starts; one that is not turns every record into a full one, and each keeps what it had.
    @Test func unchangedOutputsKeepOnlyWhereTheirPathsStartUntilAnotherComes() {
        var outputs = StagedOutputs()
        outputs.reserve(unchanged: 40)
        for index in 0..<40 {
            let path = Array("f/\(index)-é.md".utf8)
            #expect(path.withUnsafeBufferPointer {
                outputs.appendUnchanged(path: $0, format: index % 2 == 0 ? "markdown" : "html", material: "m\(index / 3)",
                                        locale: index % 5 == 0 ? "es" : nil, size: index * 1_000)
            })
        }
        func expectUnchanged(_ count: Int) {
            for index in 0..<count {
                let record = outputs.records[index]
                #expect(outputs.path(record) == "f/\(index)-é.md" && outputs.size(of: record) == index * 1_000)
                #expect(outputs.names(record) == StagedOutputs.Names(material: "m\(index / 3)", format: index % 2 == 0 ? "markdown" : "html",
                                                                     locale: index % 5 == 0 ? "es" : nil))
                #expect(record.flags == [.knownOnDisk, .trustedByStamp] && !record.isStaged && record.lineCount == 0)
            }
        }
        #expect(outputs.records.keepsOnlyPathStarts && outputs.records.count == 40)
        expectUnchanged(40)
        let staged = PlannedOutput(path: "a-first.md", format: "markdown", material: "new", contents: Data(count: 7))
        outputs.append(staged, stagedName: 3, line: (10, 20))
        #expect(!outputs.records.keepsOnlyPathStarts && outputs.records.count == 41)
        expectUnchanged(40)
        #expect(outputs.records[40].stagedName == 3 && outputs.records[40].lineStart == 10 && outputs.size(of: outputs.records[40]) == 7)
        #expect(outputs.sort() == nil)
        #expect(outputs.path(outputs.records[0]) == "a-first.md" && outputs.records[0].isStaged)
        // Records reserved in full (a session's, read back from its list) stay full, whatever they are.
        var session = StagedOutputs()
        session.reserve(records: 2, pathBytes: 64)
        #expect(Array("u".utf8).withUnsafeBufferPointer { session.appendUnchanged(path: $0, format: "html", material: "u", locale: nil, size: 1) })
        #expect(!session.records.keepsOnlyPathStarts && session.records.count == 1 && session.records[0].flags == [.knownOnDisk, .trustedByStamp])
        // Sorting only unchanged records sorts them too.
        var alone = StagedOutputs()
        alone.reserve(unchanged: 3)
        for name in ["b", "c", "a"] {
            #expect(Array(name.utf8).withUnsafeBufferPointer { alone.appendUnchanged(path: $0, format: "html", material: name, locale: nil, size: 1) })
        }
        #expect(alone.sort() == nil && alone.records.map(alone.path) == ["a", "b", "c"])
    }

    /// A list kept in blocks holds its elements in order across the blocks' edges, and hands every
    /// block over, in order, once.
    @Test(arguments: [0, 1, 3, 4, 5, 13])
    func blockListKeepsOrderAcrossBlocks(count: Int) {
        var list = BlockList<Int>(blockSize: 4)
        list += 0..<count
        #expect(list.count == count && Array(list) == Array(0..<count))
        if count > 0 { #expect(list[count - 1] == count - 1) }
        var handed: [[Int]] = []
        list.takeBlocks { handed.append($0) }
        #expect(handed.flatMap { $0 } == Array(0..<count) && handed.allSatisfy { $0.count <= 4 })
        #expect(list.isEmpty)
    }
}
