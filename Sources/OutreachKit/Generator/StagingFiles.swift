import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file in a write session's staging area that is appended to a block at a time and read back
/// with `pread`: what ``CacheLines`` and ``StagedList`` keep there while a run renders.
final class SpillFile {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// How many bytes were written to the file.
    private(set) var written = 0
    static let blockSize = 256 << 10

    init(newFileAt path: String) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXError(errno) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Where the next byte appended goes.
    var end: Int { written + buffer.count }

    /// Appends `bytes`, writing out a block once one is buffered.
    func append(_ bytes: some Collection<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.blockSize { try flush() }
    }

    /// Appends an integer's bytes, little-endian, to what is buffered.
    func append<Value: FixedWidthInteger>(integer value: Value) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    /// Writes out what is buffered.
    func flush() throws {
        try buffer.withUnsafeBytes { try Self.writeAll($0, to: descriptor) }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Up to `count` bytes from `offset`, fewer only at the end of the file. Call ``flush()`` first.
    func read(at offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(offset + filled)) }
            if read < 0 {
                if errno == EINTR { continue }
                throw POSIXError(errno)
            }
            if read == 0 { break }
            filled += read
        }
        bytes.removeLast(count - filled)
        return bytes
    }

    /// Writes all of `bytes` to `descriptor`, again after a short or interrupted write.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw POSIXError(errno)
            }
            offset += count
        }
    }
}

/// The render cache's lines of the outputs a session rendered, in the order they were staged,
/// in a file in the staging area; read back in path order when the cache is saved.
final class CacheLines {
    private let file: SpillFile
    /// A stretch of the file read back, starting at `windowStart`.
    private var window: [UInt8] = []
    private var windowStart = 0

    /// How much one read takes from the file. Lines are read in path order and were written in render
    /// order, which differ: a material's outputs are near each other, materials' paths are not (`m-1`,
    /// `m-10`, `m-100`). With the spill's 256 KB blocks, most lines cost a read of their own of a whole
    /// block, and reading them back was a fifth of a 10,000-material run's commit.
    static let windowSize = 8 << 10

    init(newFileAt path: String) throws { file = try SpillFile(newFileAt: path) }

    /// Adds a line; returns where it is.
    func append(_ line: [UInt8]) throws -> (start: Int, count: Int) {
        let start = file.end
        try file.append(line)
        return (start, line.count)
    }

    /// Writes out what is buffered.
    func flush() throws { try file.flush() }

    /// The line at `start`, `count` bytes long, read through a window: lines read in about the order
    /// they were written cost one read a block. Call ``flush()`` first.
    func line(at start: Int, count: Int) throws -> [UInt8] {
        if start < windowStart || start + count > windowStart + window.count {
            window = try file.read(at: start, count: max(count, Self.windowSize))
            guard window.count >= count else { throw POSIXError(EIO) }
            windowStart = start
        }
        return Array(window[(start - windowStart)..<(start - windowStart + count)])
    }
}

/// The records of a write session's staged outputs, written to a file in the staging area as
/// outputs are staged and read back when the session commits.
///
/// While a run renders, it holds its materials and pages; the records (88 bytes and the path
/// of each output, 36 MB at 300,000 outputs) wait on disk until they are let go, and are read
/// back once they are.
final class StagedList {
    private let file: SpillFile
    /// How many records were appended, and the most their paths and numbers take in ``StagedOutputs/paths``.
    private(set) var count = 0
    private var pathBytes = 0
    /// A record's fixed part: staged name, line count, flags, line start, size, and the
    /// lengths of its path, material, format and locale (`UInt32.max` for no locale).
    private static let fixedSize = 4 + 4 + 1 + 8 + 8 + 4 * 4
    private static let noLocale = UInt32.max

    init(newFileAt path: String) throws { file = try SpillFile(newFileAt: path) }

    /// The outputs' paths come to more than a session keeps (``StagedOutputs/canKeep(pathBytes:)``).
    struct TooManyPathBytes: Error, CustomStringConvertible {
        var description: String { "the outputs' paths come to more than 4 GiB" }
    }

    /// Adds an output's record (see ``StagedOutputs/append(_:stagedName:line:)``); throws
    /// ``TooManyPathBytes`` when its path would take the paths past what can be kept.
    func append(_ output: PlannedOutput, stagedName: UInt32?, line: (start: Int, count: Int)?) throws {
        let path = output.path.utf8, material = output.material.utf8, format = output.format.utf8, locale = output.locale?.utf8
        // The most its path and the numbers after it can take: a list the session accepts can always be kept.
        let room = StagedOutputs.room(forPathOf: path.count) + StagedOutputs.numbersRoom
        guard StagedOutputs.canKeep(pathBytes: pathBytes + room) else { throw TooManyPathBytes() }
        file.append(integer: stagedName ?? StagedOutputs.Record.notStaged)
        file.append(integer: UInt32(exactly: line?.count ?? 0) ?? 0)
        file.append(integer: StagedOutputs.flags(of: output).rawValue)
        file.append(integer: UInt64(line?.start ?? 0))
        file.append(integer: UInt64(output.size))
        file.append(integer: UInt32(path.count))
        file.append(integer: UInt32(material.count))
        file.append(integer: UInt32(format.count))
        file.append(integer: locale.map { UInt32($0.count) } ?? Self.noLocale)
        try file.append(path)
        try file.append(material)
        try file.append(format)
        if let locale { try file.append(locale) }
        count += 1
        pathBytes += room
    }

    /// Every record appended, in order, read back a block at a time.
    func read() throws -> StagedOutputs {
        try file.flush()
        var outputs = StagedOutputs()
        outputs.reserve(records: count, pathBytes: pathBytes)
        // `block` holds the file from `offset`; whole records are taken from its front.
        var block: [UInt8] = []
        var offset = 0
        while outputs.records.count < count {
            var start = 0, refused = false
            block.withUnsafeBytes { bytes in
                while let (record, size, path, names, next) = Self.record(in: bytes, at: start) {
                    // ``append(_:stagedName:line:)`` refused what would pass 4 GiB of paths; a list changed on disk may not have.
                    guard outputs.append(record, size: size, path: UnsafeRawBufferPointer(rebasing: path), names: names) else {
                        refused = true
                        break
                    }
                    start = next
                }
            }
            if refused { throw TooManyPathBytes() }
            block.removeFirst(start)
            offset += start
            // A record longer than a block is read in blocks as long as what is held.
            let more = try file.read(at: offset + block.count, count: max(SpillFile.blockSize, block.count))
            if more.isEmpty && outputs.records.count < count { throw POSIXError(EIO) }
            block += more
        }
        return outputs
    }

    /// The record starting at `start` in `bytes`, its size, path and names, and where the next starts; nil when it does not all fit.
    private static func record(in bytes: UnsafeRawBufferPointer, at start: Int)
        -> (StagedOutputs.Record, Int, Slice<UnsafeRawBufferPointer>, StagedOutputs.Names, Int)? {
        guard bytes.count - start >= fixedSize else { return nil }
        var at = start
        func take<Value: FixedWidthInteger>(_: Value.Type) -> Value {
            defer { at += MemoryLayout<Value>.size }
            return Value(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: Value.self))
        }
        let stagedName = take(UInt32.self), lineCount = take(UInt32.self), flags = take(UInt8.self)
        let lineStart = take(UInt64.self), size = take(UInt64.self)
        let pathCount = Int(take(UInt32.self)), materialCount = Int(take(UInt32.self)), formatCount = Int(take(UInt32.self))
        let localeCount = take(UInt32.self)
        let total = pathCount + materialCount + formatCount + (localeCount == noLocale ? 0 : Int(localeCount))
        guard bytes.count - at >= total else { return nil }
        func text(_ count: Int) -> String {
            defer { at += count }
            return String(decoding: bytes[at..<(at + count)], as: UTF8.self)
        }
        let path = bytes[at..<(at + pathCount)]
        at += pathCount
        let material = text(materialCount), format = text(formatCount)
        let locale = localeCount == noLocale ? nil : text(Int(localeCount))
        let record = StagedOutputs.Record(lineStart: Int(clamping: lineStart), lineCount: Int(lineCount), stagedName: stagedName,
                                          flags: StagedOutputs.Flags(rawValue: flags))
        return (record, Int(clamping: size), path, StagedOutputs.Names(material: material, format: format, locale: locale), at)
    }
}
