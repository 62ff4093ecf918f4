import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a write session keeps of each output once it is staged: 88 bytes and its path's bytes.
///
/// A ``PlannedOutput`` is 232 bytes and its path a string of its own; at 300,000 outputs the
/// session's list was the largest thing a run held. Here the paths share one buffer, and the
/// render cache's line of each rendered output waits in a file in the staging area
/// (``CacheLines``) until the cache is saved. An output the cache vouched for needs no line:
/// its old line is kept.
struct StagedOutputs: Sendable {
    struct Record: Sendable {
        var pathStart: Int
        var pathCount: UInt32
        /// Its name in the staging area; ``notStaged`` when it was unchanged.
        var stagedName: UInt32
        /// The length of its cache line in ``CacheLines``; 0 when it has none there.
        var lineCount: UInt32
        var flags: Flags
        var lineStart: Int
        var size: Int
        var material: String
        var format: String
        var locale: String?

        static let notStaged = UInt32.max
        var isStaged: Bool { stagedName != Self.notStaged }
    }

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// The render cache vouched that the file on disk holds its bytes.
        static let knownOnDisk = Flags(rawValue: 1)
        /// The render cache's old line for its path records it exactly, and is kept.
        static let recorded = Flags(rawValue: 8)
        /// It has a cache key: the cache records it.
        static let cached = Flags(rawValue: 2)
        /// The cache took the file on disk from its stamp, without reading it.
        static let trustedByStamp = Flags(rawValue: 4)
    }

    private(set) var records: [Record] = []
    private(set) var paths: [UInt8] = []

    mutating func reserve(_ count: Int) {
        reserve(records: count, pathBytes: count * 32)
    }

    mutating func reserve(records count: Int, pathBytes: Int) {
        records.reserveCapacity(count)
        paths.reserveCapacity(pathBytes)
    }

    /// Whether ``append(_:stagedName:line:)`` can keep a path of this many bytes (it keeps the count in 32 bits).
    static func canKeep(pathOf output: PlannedOutput) -> Bool {
        output.path.utf8.count <= Int(UInt32.max)
    }

    /// Keeps `output` (its bytes are not kept), with its staged name and where its cache line is;
    /// a line too long to note (4 GiB) is left out, and the cache then records nothing for the path.
    mutating func append(_ output: PlannedOutput, stagedName: UInt32?, line: (start: Int, count: Int)?) {
        let start = paths.count
        paths += output.path.utf8
        records.append(Record(
            pathStart: start, pathCount: UInt32(paths.count - start), stagedName: stagedName ?? Record.notStaged,
            lineCount: UInt32(exactly: line?.count ?? 0) ?? 0, flags: Self.flags(of: output), lineStart: line?.start ?? 0,
            size: output.size, material: output.material, format: output.format, locale: output.locale))
    }

    /// What the render cache said of an output.
    static func flags(of output: PlannedOutput) -> Flags {
        var flags: Flags = []
        if output.knownOnDisk { flags.insert(.knownOnDisk) }
        if output.knownOnDisk && output.recordedInCache { flags.insert(.recorded) }
        if output.cacheKey != nil { flags.insert(.cached) }
        if output.trustedByStamp { flags.insert(.trustedByStamp) }
        return flags
    }

    /// Keeps a record read back from a ``StagedList``, with its path's bytes.
    mutating func append(_ record: Record, path: UnsafeRawBufferPointer) {
        var record = record
        record.pathStart = paths.count
        record.pathCount = UInt32(truncatingIfNeeded: path.count)
        paths.append(contentsOf: path)
        records.append(record)
    }

    /// Keeps an output that is on disk as it should be, from its path's bytes: what a rerun
    /// answered from the run record (``RunRecord``) reports.
    mutating func appendUnchanged(path: UnsafeBufferPointer<UInt8>, format: String, material: String, locale: String?, size: Int) {
        let start = paths.count
        paths.append(contentsOf: path)
        records.append(Record(
            pathStart: start, pathCount: UInt32(truncatingIfNeeded: path.count), stagedName: Record.notStaged, lineCount: 0,
            flags: [.knownOnDisk, .trustedByStamp], lineStart: 0, size: size, material: material, format: format, locale: locale))
    }

    /// Appends the path of the record at `index` to `bytes`.
    func appendPath(of index: Int, to bytes: inout [UInt8]) {
        let record = records[index]
        bytes.append(contentsOf: paths[record.pathStart..<(record.pathStart + Int(record.pathCount))])
    }

    /// Sorts the records by their paths' bytes; returns the index of a record whose path is the same
    /// as the one before it, if there is one.
    mutating func sort() -> Int? {
        paths.withUnsafeBufferPointer { bytes in
            records.sort { SortedLineMerge.compare(Self.path($0, in: bytes), Self.path($1, in: bytes)) < 0 }
            return records.indices.dropFirst().first {
                SortedLineMerge.compare(Self.path(records[$0 - 1], in: bytes), Self.path(records[$0], in: bytes)) == 0
            }
        }
    }

    private static func path(_ record: Record, in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[record.pathStart..<(record.pathStart + Int(record.pathCount))])
    }

    /// A record's path bytes.
    func pathBytes(_ record: Record) -> [UInt8] {
        Array(paths[record.pathStart..<(record.pathStart + Int(record.pathCount))])
    }

    /// A record's path.
    func path(_ record: Record) -> String {
        paths.withUnsafeBufferPointer { String(decoding: Self.path(record, in: $0), as: UTF8.self) }
    }
}

/// The render cache's lines of the outputs a session rendered, in the order they were staged,
/// in a file in the staging area; read back in path order when the cache is saved.
final class CacheLines {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// How many bytes were written to the file.
    private var written = 0
    /// A stretch of the file read back, starting at `windowStart`.
    private var window: [UInt8] = []
    private var windowStart = 0
    private static let blockSize = 256 << 10

    init(newFileAt path: String) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXError(errno) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Adds a line; returns where it is.
    func append(_ line: [UInt8]) throws -> (start: Int, count: Int) {
        let start = written + buffer.count
        buffer += line
        if buffer.count >= Self.blockSize { try flush() }
        return (start, line.count)
    }

    /// Writes out what is buffered.
    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let count = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw POSIXError(errno)
            }
            offset += count
        }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// The line at `start`, `count` bytes long, read through a window: lines read in about the order
    /// they were written cost one read a block. Call ``flush()`` first.
    func line(at start: Int, count: Int) throws -> [UInt8] {
        if start < windowStart || start + count > windowStart + window.count {
            window = [UInt8](repeating: 0, count: max(count, Self.blockSize))
            var filled = 0
            while filled < window.count {
                let read = window.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, $0.count - filled, off_t(start + filled)) }
                if read < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(errno)
                }
                if read == 0 { break }
                filled += read
            }
            guard filled >= count else { throw POSIXError(EIO) }
            window.removeLast(window.count - filled)
            windowStart = start
        }
        return Array(window[(start - windowStart)..<(start - windowStart + count)])
    }
}

/// What a write did: each output, sorted by its path's bytes and without its bytes, and what
/// happened to it. Each element is made when it is read, from the 88 bytes the write kept.
public struct WriteResults: RandomAccessCollection, Sendable {
    private let outputs: StagedOutputs

    init(_ outputs: StagedOutputs) { self.outputs = outputs }

    /// The first position: 0.
    public var startIndex: Int { 0 }
    /// One past the last position: the number of outputs.
    public var endIndex: Int { outputs.records.count }

    /// The output at `position` (its path, format, material, locale and size; no bytes), and what happened to it.
    public subscript(position: Int) -> (PlannedOutput, WriteStatus) {
        let record = outputs.records[position]
        var output = PlannedOutput(path: outputs.path(record), format: record.format, material: record.material,
                                   locale: record.locale, size: record.size)
        output.knownOnDisk = record.flags.contains(.knownOnDisk)
        output.trustedByStamp = record.flags.contains(.trustedByStamp)
        return (output, record.isStaged ? .written : .unchanged)
    }
}

/// The records of a write session's staged outputs, written to a file in the staging area as
/// outputs are staged and read back when the session commits.
///
/// While a run renders, it holds its materials and pages; the records (88 bytes and the path
/// of each output, 36 MB at 300,000 outputs) wait on disk until they are let go, and are read
/// back once they are.
final class StagedList {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// How many bytes were written to the file.
    private var written = 0
    /// How many records were appended, and how many path bytes they have.
    private(set) var count = 0
    private var pathBytes = 0
    private static let blockSize = 256 << 10
    /// A record's fixed part: staged name, line count, flags, line start, size, and the
    /// lengths of its path, material, format and locale (`UInt32.max` for no locale).
    private static let fixedSize = 4 + 4 + 1 + 8 + 8 + 4 * 4
    private static let noLocale = UInt32.max

    init(newFileAt path: String) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXError(errno) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Adds an output's record (see ``StagedOutputs/append(_:stagedName:line:)``).
    func append(_ output: PlannedOutput, stagedName: UInt32?, line: (start: Int, count: Int)?) throws {
        func put<Value: FixedWidthInteger>(_ value: Value) {
            withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        }
        var path = output.path, material = output.material, format = output.format, locale = output.locale
        put(stagedName ?? StagedOutputs.Record.notStaged)
        put(UInt32(exactly: line?.count ?? 0) ?? 0)
        put(StagedOutputs.flags(of: output).rawValue)
        put(UInt64(line?.start ?? 0))
        put(UInt64(output.size))
        put(UInt32(path.utf8.count))
        put(UInt32(material.utf8.count))
        put(UInt32(format.utf8.count))
        put(locale.map { UInt32($0.utf8.count) } ?? Self.noLocale)
        path.withUTF8 { buffer.append(contentsOf: $0) }
        material.withUTF8 { buffer.append(contentsOf: $0) }
        format.withUTF8 { buffer.append(contentsOf: $0) }
        locale?.withUTF8 { buffer.append(contentsOf: $0) }
        count += 1
        pathBytes += path.utf8.count
        if buffer.count >= Self.blockSize { try flush() }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let count = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw POSIXError(errno)
            }
            offset += count
        }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Every record appended, in order, read back a block at a time.
    func read() throws -> StagedOutputs {
        try flush()
        buffer = []
        var outputs = StagedOutputs()
        outputs.reserve(records: count, pathBytes: pathBytes)
        var block: [UInt8] = []
        var offset = 0
        // `block` holds the file from `offset`; whole records are taken from its front.
        while outputs.records.count < count {
            var start = 0
            block.withUnsafeBytes { bytes in
                while let (record, path, next) = Self.record(in: bytes, at: start) {
                    outputs.append(record, path: UnsafeRawBufferPointer(rebasing: path))
                    start = next
                }
            }
            block.removeFirst(start)
            offset += start
            let have = offset + block.count
            guard have < written else {
                if outputs.records.count < count { throw POSIXError(EIO) }
                break
            }
            let want = min(written - have, max(Self.blockSize, block.count))
            let old = block.count
            block += repeatElement(0, count: want)
            var filled = 0
            while filled < want {
                let got = block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + old + filled, want - filled, off_t(have + filled)) }
                if got < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(errno)
                }
                if got == 0 { throw POSIXError(EIO) }
                filled += got
            }
        }
        return outputs
    }

    /// The record starting at `start` in `bytes`, its path, and where the next starts; nil when it does not all fit.
    private static func record(in bytes: UnsafeRawBufferPointer, at start: Int)
        -> (StagedOutputs.Record, Slice<UnsafeRawBufferPointer>, Int)? {
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
        let record = StagedOutputs.Record(
            pathStart: 0, pathCount: 0, stagedName: stagedName, lineCount: lineCount, flags: StagedOutputs.Flags(rawValue: flags),
            lineStart: Int(lineStart), size: Int(size), material: material, format: format, locale: locale)
        return (record, path, at)
    }
}
