import Foundation

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
