import Foundation
import Testing
@testable import OutreachKit

/// The render cache and the output state are read and written a block at a time, and keep
/// their SHA-256 values in 32 bytes: the same lines and digests as whole-file reading and hex strings.
@Suite struct BlockFileTests {
    typealias SeededGenerator = RendererPropertyTests.SeededGenerator

    @Test func aDigestRoundTripsThroughItsHexadecimalForm() throws {
        var generator = SeededGenerator(state: 7)
        for _ in 0..<200 {
            let data = Data((0..<generator.below(301)).map { _ in UInt8(generator.below(256)) })
            let value = ContentDigest.value(of: data)
            #expect(value.hex == ContentDigest.hex(of: data))
            #expect(Digest256(hex: value.hex) == value)
            #expect(Digest256(hex: value.hex.uppercased()) == value)
        }
        let zero = String(repeating: "0", count: 64)
        #expect(Digest256(hex: zero) != nil)
        for bad in ["", String(zero.dropLast()), zero + "0", String(zero.dropLast()) + "g", String(zero.dropLast()) + " ", String(zero.dropLast()) + "é"] {
            #expect(Digest256(hex: bad) == nil, "\(bad)")
        }
    }

    /// Lines that cross block boundaries, lines longer than a block, empty lines, a last line with
    /// no line feed and CRs: the lines are those of the whole file, and the digest is the file's.
    @Test func readingInBlocksGivesTheLinesOfTheWholeFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("block-lines-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SeededGenerator(state: 11)
        let pieces = ["a", "bb", "é", "\t", "\r", "\n", "\n\n", String(repeating: "x", count: 40), "漢字"]
        for round in 0..<150 {
            var text = ""
            for _ in 0..<generator.below(61) { text += pieces[generator.below(pieces.count)] }
            let data = Data(text.utf8)
            let path = folder.appendingPathComponent("\(round)").path
            try data.write(to: URL(fileURLWithPath: path))
            let whole = data.split(separator: UInt8(ascii: "\n")).map { Array($0) }
            for blockSize in [16, 17, 31, 1 << 20] {
                var blocks: [[UInt8]] = []
                let digest = ByteLines.forEach(inFileAt: path, blockSize: blockSize) { blocks.append(Array($0)); return true }
                #expect(blocks == whole, "block size \(blockSize): \(text.debugDescription)")
                #expect(digest == ContentDigest.value(of: data))
            }
            // Stopping early reads no further and vouches for nothing.
            if !whole.isEmpty {
                var seen = 0
                #expect(ByteLines.forEach(inFileAt: path, blockSize: 16) { _ in seen += 1; return false } == nil)
                #expect(seen == 1)
            }
        }
        #expect(ByteLines.forEach(inFileAt: folder.appendingPathComponent("missing").path) { _ in true } == nil)
    }

    /// A writer into a file writes exactly what a writer in memory keeps, and its digest.
    @Test func writingInBlocksWritesEveryByte() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("block-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let digest = ContentDigest.value(of: Data("x".utf8))
        func fill(_ writer: inout BlockWriter) {
            for index in 0..<40_000 {
                writer.append("line \(index)\t")
                writer.append(digest)
                writer.append(UInt8(ascii: "\n"))
            }
        }
        var memory = BlockWriter()
        fill(&memory)
        let expected = memory.bytes()
        let path = folder.appendingPathComponent("file").path
        var file = try BlockWriter(newFileAt: path)
        fill(&file)
        #expect(try file.finish() == ContentDigest.value(of: expected))
        #expect(FileManager.default.contents(atPath: path) == expected)
        #expect(expected.count > 1 << 20, "more than a few blocks")
        // A writer never replaces a file.
        #expect(throws: (any Error).self) { _ = try BlockWriter(newFileAt: path) }
    }

    /// The lookup table of the cache and the state gives what a dictionary gives, in whatever order the
    /// paths came (sorted, reversed, shuffled), with paths told apart by their bytes.
    @Test func aPathTableLooksUpLikeADictionary() {
        var generator = SeededGenerator(state: 11)
        var paths = (0..<5_000).map { "m\($0 * 7919 % 5_000)/\(["a", "b", "\u{E9}", "e\u{301}"][$0 % 4]).txt" }
        for order in 0..<3 {
            if order == 1 { paths.reverse() }
            if order == 2 {
                for index in paths.indices.reversed() { paths.swapAt(index, generator.below(index + 1)) }
            }
            var table = PathTable<Int>()
            var expected: [[UInt8]: Int] = [:]
            for (value, path) in paths.enumerated() {
                var path = path
                path.withUTF8 { table.append(path: $0, value) }
                expected[Array(path.utf8)] = value
            }
            table.finish()
            #expect(table.count == paths.count)
            for path in paths { #expect(table[path] == expected[Array(path.utf8)], "\(path)") }
            #expect(table["m0/c.txt"] == nil && table[""] == nil)
        }
        #expect(PathTable<Int>()["a"] == nil)
    }
}
