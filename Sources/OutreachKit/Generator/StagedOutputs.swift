import Foundation

/// What a write session keeps of each output once it is staged: 32 bytes and its path's bytes.
///
/// A ``PlannedOutput`` is 232 bytes and its path a string of its own; at 300,000 outputs the
/// session's list was the largest thing a run held. Here the paths share one buffer, each after
/// its length, and the render cache's line of each rendered output waits in a file in the staging
/// area (``CacheLines``) until the cache is saved. An output the cache vouched for needs no line:
/// its old line is kept. A record names its material, format and locale by number: the
/// materials are kept once for each run of records that share one (a material's outputs come
/// one after another), and each pair of format and locale once.
struct StagedOutputs: Sendable {
    struct Record: Sendable {
        /// Where its cache line starts in ``CacheLines`` (the high 40 bits) and its length (the low 24);
        /// 0 when it has none there.
        private var line: UInt64
        /// Its size (the high 56 bits) and flags (the low 8).
        private var sizeAndFlags: UInt64
        /// Where its path is in ``StagedOutputs/paths``: its length in 7-bit groups, then its bytes.
        fileprivate(set) var pathStart: UInt32
        /// Its name in the staging area; ``notStaged`` when it was unchanged.
        var stagedName: UInt32
        /// Its material, in ``StagedOutputs/materials``.
        fileprivate(set) var material: UInt32
        /// Its format and locale, in ``StagedOutputs/kinds``.
        fileprivate(set) var kind: UInt32

        static let notStaged = UInt32.max
        /// The most a record notes of where lines are, and of how long one is. A line it cannot note
        /// is left out, and the cache then records nothing for the path; 1 TiB of lines, or one of 16 MiB, is not made.
        static let lineStartLimit = 1 << 40, lineCountLimit = 1 << 24
        /// The most a record notes of a size, past any output's.
        static let sizeLimit = 1 << 56

        init(lineStart: Int, lineCount: Int, size: Int, stagedName: UInt32, flags: Flags) {
            let noted = lineCount > 0 && lineCount < Self.lineCountLimit && lineStart >= 0 && lineStart < Self.lineStartLimit
            line = noted ? UInt64(lineStart) << 24 | UInt64(lineCount) : 0
            // 64 PiB: no output is that large, since each is held in memory when it is made; a size read
            // back from a file is checked first (``appendUnchanged``), and a list is this run's own.
            sizeAndFlags = UInt64(min(max(size, 0), Self.sizeLimit - 1)) << 8 | UInt64(flags.rawValue)
            (pathStart, self.stagedName, material, kind) = (0, stagedName, 0, 0)
        }

        var isStaged: Bool { stagedName != Self.notStaged }
        /// Where its cache line starts in ``CacheLines``.
        var lineStart: Int { Int(line >> 24) }
        /// The length of its cache line in ``CacheLines``; 0 when it has none there.
        var lineCount: UInt32 { UInt32(line & 0xFF_FFFF) }
        var size: Int { Int(sizeAndFlags >> 8) }
        var flags: Flags { Flags(rawValue: UInt8(truncatingIfNeeded: sizeAndFlags)) }
    }

    /// What an output is, as its record has it: the fields a record keeps by number.
    struct Names: Sendable, Equatable {
        var material: String
        var format: String
        var locale: String?
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

    private struct Kind: Hashable, Sendable {
        var format: String
        var locale: String?
    }

    private(set) var records: [Record] = []
    private(set) var paths: [UInt8] = []
    /// One material for each run of records that have it.
    private var materials: [String] = []
    private var kinds: [Kind] = []
    private var kindNumbers: [Kind: UInt32] = [:]

    mutating func reserve(_ count: Int) {
        reserve(records: count, pathBytes: count * 32)
    }

    mutating func reserve(records count: Int, pathBytes: Int) {
        records.reserveCapacity(count)
        paths.reserveCapacity(pathBytes)
    }

    /// The bytes a path of `count` bytes takes in ``paths``: its length, in 7-bit groups, and itself.
    static func room(forPathOf count: Int) -> Int {
        count + (Int.bitWidth - count.leadingZeroBitCount + 6) / 7 + (count == 0 ? 1 : 0)
    }

    /// Whether paths of `total` bytes in all (as ``room(forPathOf:)`` counts them) can be kept: a record
    /// notes where its path starts in 32 bits.
    static func canKeep(pathBytes total: Int) -> Bool {
        total <= Int(UInt32.max)
    }

    /// Keeps `output` (its bytes are not kept), with its staged name and where its cache line is;
    /// a line too long to note (16 MiB) is left out, and the cache then records nothing for the path.
    mutating func append(_ output: PlannedOutput, stagedName: UInt32?, line: (start: Int, count: Int)?) {
        var path = output.path
        let kept = path.withUTF8 {
            append(Record(lineStart: line?.start ?? 0, lineCount: line?.count ?? 0, size: output.size,
                          stagedName: stagedName ?? Record.notStaged, flags: Self.flags(of: output)),
                   path: UnsafeRawBufferPointer($0),
                   names: Names(material: output.material, format: output.format, locale: output.locale))
        }
        precondition(kept, "the outputs' paths past 4 GiB; the session refuses them first")
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

    /// Keeps a record with its path's bytes and names: one read back from a ``StagedList``, or made
    /// above. False, and nothing kept, when the paths would pass 4 GiB (``canKeep(pathBytes:)``).
    mutating func append(_ record: Record, path: UnsafeRawBufferPointer, names: Names) -> Bool {
        guard Self.canKeep(pathBytes: paths.count + Self.room(forPathOf: path.count)) else { return false }
        var record = record
        record.pathStart = UInt32(paths.count)
        var length = path.count
        repeat {
            paths.append(UInt8(length & 0x7F) | (length >= 0x80 ? 0x80 : 0))
            length >>= 7
        } while length > 0
        paths.append(contentsOf: path)
        if materials.last != names.material { materials.append(names.material) }
        record.material = UInt32(truncatingIfNeeded: materials.count - 1)
        let kind = Kind(format: names.format, locale: names.locale)
        if let number = kindNumbers[kind] { record.kind = number } else {
            record.kind = UInt32(truncatingIfNeeded: kinds.count)
            kindNumbers[kind] = record.kind
            kinds.append(kind)
        }
        // No more materials or kinds than records, and no more records than paths' bytes: 32 bits number them.
        records.append(record)
        return true
    }

    /// Keeps an output that is on disk as it should be, from its path's bytes: what a rerun
    /// answered from the run record (``RunRecord``) reports. False when the paths would pass 4 GiB,
    /// or for a size no output has.
    mutating func appendUnchanged(path: UnsafeBufferPointer<UInt8>, format: String, material: String, locale: String?, size: Int) -> Bool {
        guard size >= 0, size < Record.sizeLimit else { return false }
        return append(Record(lineStart: 0, lineCount: 0, size: size, stagedName: Record.notStaged, flags: [.knownOnDisk, .trustedByStamp]),
               path: UnsafeRawBufferPointer(path), names: Names(material: material, format: format, locale: locale))
    }

    /// A record's material, format and locale.
    func names(_ record: Record) -> Names {
        let kind = kinds[Int(record.kind)]
        return Names(material: materials[Int(record.material)], format: kind.format, locale: kind.locale)
    }

    /// Appends the path of the record at `index` to `bytes`.
    func appendPath(of index: Int, to bytes: inout [UInt8]) {
        paths.withUnsafeBufferPointer { bytes.append(contentsOf: Self.path(records[index], in: $0)) }
    }

    /// Sorts the records by their paths' bytes; returns the index of a record whose path is the same
    /// as the one before it, if there is one.
    ///
    /// Sorted where they are (``InPlaceSort``): the standard sort took a buffer of half of them, 4.8 MB
    /// at 300,000 outputs, and sorting their numbers 1.2 MB.
    mutating func sort() -> Int? {
        paths.withUnsafeBufferPointer { bytes in
            records.withUnsafeMutableBufferPointer { records in
                InPlaceSort.sort(records) { SortedLineMerge.compare(Self.path($0, in: bytes), Self.path($1, in: bytes)) < 0 }
            }
        }
        return firstRepeat()
    }

    /// The index of the first sorted record whose path is the same as the one before it.
    private func firstRepeat() -> Int? {
        paths.withUnsafeBufferPointer { bytes in
            records.indices.dropFirst().first {
                SortedLineMerge.compare(Self.path(records[$0 - 1], in: bytes), Self.path(records[$0], in: bytes)) == 0
            }
        }
    }

    private static func path(_ record: Record, in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var at = Int(record.pathStart), length = 0, shift = 0
        while true {
            let byte = bytes[at]
            at += 1
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return UnsafeBufferPointer(rebasing: bytes[at..<(at + length)])
    }

    /// A record's path bytes.
    func pathBytes(_ record: Record) -> [UInt8] {
        paths.withUnsafeBufferPointer { Array(Self.path(record, in: $0)) }
    }

    /// A record's path.
    func path(_ record: Record) -> String {
        paths.withUnsafeBufferPointer { String(decoding: Self.path(record, in: $0), as: UTF8.self) }
    }
}

/// What a write did: each output, sorted by its path's bytes and without its bytes, and what
/// happened to it. Each element is made when it is read, from the 32 bytes the write kept.
public struct WriteResults: RandomAccessCollection, Sendable {
    private let outputs: StagedOutputs

    init(_ outputs: StagedOutputs) { self.outputs = outputs }

    /// The first position: 0.
    public var startIndex: Int { 0 }
    /// One past the last position: the number of outputs.
    public var endIndex: Int { outputs.records.count }

    /// The output at `position` (its path, format, material, locale and size; no bytes), and what happened to it.
    public subscript(position: Int) -> (PlannedOutput, WriteStatus) {
        let record = outputs.records[position], names = outputs.names(record)
        var output = PlannedOutput(path: outputs.path(record), format: names.format, material: names.material,
                                   locale: names.locale, size: record.size)
        output.knownOnDisk = record.flags.contains(.knownOnDisk)
        output.trustedByStamp = record.flags.contains(.trustedByStamp)
        return (output, record.isStaged ? .written : .unchanged)
    }
}
