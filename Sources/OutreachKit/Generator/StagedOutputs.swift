import Foundation

/// What a write session keeps of each output once it is staged: 48 bytes and its path's bytes.
///
/// A ``PlannedOutput`` is 232 bytes and its path a string of its own; at 300,000 outputs the
/// session's list was the largest thing a run held. Here the paths share one buffer, and the
/// render cache's line of each rendered output waits in a file in the staging area
/// (``CacheLines``) until the cache is saved. An output the cache vouched for needs no line:
/// its old line is kept. A record names its material, format and locale by number: the
/// materials are kept once for each run of records that share one (a material's outputs come
/// one after another), and each pair of format and locale once.
struct StagedOutputs: Sendable {
    struct Record: Sendable {
        var pathStart: Int
        var lineStart: Int
        var size: Int
        var pathCount: UInt32
        /// Its name in the staging area; ``notStaged`` when it was unchanged.
        var stagedName: UInt32
        /// The length of its cache line in ``CacheLines``; 0 when it has none there.
        var lineCount: UInt32
        /// Its material, in ``StagedOutputs/materials``.
        var material: UInt32
        /// Its format and locale, in ``StagedOutputs/kinds``.
        var kind: UInt32
        var flags: Flags

        static let notStaged = UInt32.max
        var isStaged: Bool { stagedName != Self.notStaged }
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

    /// Whether ``append(_:stagedName:line:)`` can keep a path of this many bytes (it keeps the count in 32 bits).
    static func canKeep(pathOf output: PlannedOutput) -> Bool {
        output.path.utf8.count <= Int(UInt32.max)
    }

    /// Keeps `output` (its bytes are not kept), with its staged name and where its cache line is;
    /// a line too long to note (4 GiB) is left out, and the cache then records nothing for the path.
    mutating func append(_ output: PlannedOutput, stagedName: UInt32?, line: (start: Int, count: Int)?) {
        let start = paths.count
        paths += output.path.utf8
        append(Record(
            pathStart: start, lineStart: line?.start ?? 0, size: output.size, pathCount: UInt32(paths.count - start),
            stagedName: stagedName ?? Record.notStaged, lineCount: UInt32(exactly: line?.count ?? 0) ?? 0,
            material: 0, kind: 0, flags: Self.flags(of: output)),
            names: Names(material: output.material, format: output.format, locale: output.locale))
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

    /// Keeps a record read back from a ``StagedList``, with its path's bytes and names.
    mutating func append(_ record: Record, path: UnsafeRawBufferPointer, names: Names) {
        var record = record
        record.pathStart = paths.count
        record.pathCount = UInt32(truncatingIfNeeded: path.count)
        paths.append(contentsOf: path)
        append(record, names: names)
    }

    /// Keeps an output that is on disk as it should be, from its path's bytes: what a rerun
    /// answered from the run record (``RunRecord``) reports.
    mutating func appendUnchanged(path: UnsafeBufferPointer<UInt8>, format: String, material: String, locale: String?, size: Int) {
        let start = paths.count
        paths.append(contentsOf: path)
        append(Record(
            pathStart: start, lineStart: 0, size: size, pathCount: UInt32(truncatingIfNeeded: path.count),
            stagedName: Record.notStaged, lineCount: 0, material: 0, kind: 0, flags: [.knownOnDisk, .trustedByStamp]),
            names: Names(material: material, format: format, locale: locale))
    }

    /// Appends `record`, numbering its names.
    private mutating func append(_ record: Record, names: Names) {
        var record = record
        if materials.last != names.material { materials.append(names.material) }
        record.material = UInt32(truncatingIfNeeded: materials.count - 1)
        let kind = Kind(format: names.format, locale: names.locale)
        if let number = kindNumbers[kind] { record.kind = number } else {
            record.kind = UInt32(truncatingIfNeeded: kinds.count)
            kindNumbers[kind] = record.kind
            kinds.append(kind)
        }
        // More than 4 billion materials or kinds cannot be numbered; no run holds that many outputs.
        precondition(materials.count <= Int(UInt32.max) && kinds.count <= Int(UInt32.max))
        records.append(record)
    }

    /// A record's material, format and locale.
    func names(_ record: Record) -> Names {
        let kind = kinds[Int(record.kind)]
        return Names(material: materials[Int(record.material)], format: kind.format, locale: kind.locale)
    }

    /// Appends the path of the record at `index` to `bytes`.
    func appendPath(of index: Int, to bytes: inout [UInt8]) {
        let record = records[index]
        bytes.append(contentsOf: paths[record.pathStart..<(record.pathStart + Int(record.pathCount))])
    }

    /// Sorts the records by their paths' bytes; returns the index of a record whose path is the same
    /// as the one before it, if there is one.
    ///
    /// Their numbers are sorted (4 bytes a record), and the records then moved into that order in
    /// place: sorting the records themselves took a buffer of half of them, 7 MB at 300,000 outputs.
    mutating func sort() -> Int? {
        guard records.count < Int(UInt32.max) else {
            paths.withUnsafeBufferPointer { bytes in
                records.sort { SortedLineMerge.compare(Self.path($0, in: bytes), Self.path($1, in: bytes)) < 0 }
            }
            return firstRepeat()
        }
        var order = (0..<UInt32(records.count)).map { $0 }
        paths.withUnsafeBufferPointer { bytes in
            records.withUnsafeBufferPointer { records in
                order.sort { SortedLineMerge.compare(Self.path(records[Int($0)], in: bytes), Self.path(records[Int($1)], in: bytes)) < 0 }
            }
        }
        // Position k takes the record at order[k]: each cycle of the permutation is followed once,
        // its first record held aside; a followed position is marked done.
        let done = UInt32.max
        for start in order.indices where order[start] != done {
            let first = records[start]
            var position = start
            while true {
                let next = Int(order[position])
                order[position] = done
                if next == start {
                    records[position] = first
                    break
                }
                records[position] = records[next]
                position = next
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
/// happened to it. Each element is made when it is read, from the 48 bytes the write kept.
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
