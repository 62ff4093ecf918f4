import Foundation

/// What a write session keeps of each output once it is staged: 16 bytes, and its path's bytes
/// followed by the numbers of its material and kind, and its size.
///
/// A ``PlannedOutput`` is 232 bytes and its path a string of its own; at 300,000 outputs the
/// session's list was the largest thing a run held. Here the paths share one buffer, each after
/// its length, and the render cache's line of each rendered output waits in a file in the staging
/// area (``CacheLines``) until the cache is saved. An output the cache vouched for needs no line:
/// its old line is kept. A record names its material, format and locale by number, written after
/// its path with its size, 7 bits a byte (six bytes at 100,000 materials of a few KB, where they
/// took 16 in the record): each material is kept once unless the outputs of more than
/// ``recentMaterials`` others were staged between two of its own, and each pair of format and locale once.
struct StagedOutputs: Sendable {
    struct Record: Sendable {
        /// Where its cache line starts in ``CacheLines`` (the high 40 bits), its length (the next 20;
        /// 0 when it has none there), and its flags (the low 4).
        private var lineAndFlags: UInt64
        /// Where its path is in ``StagedOutputs/paths``: its length in 7-bit groups, then its bytes,
        /// then the numbers of its material and kind, and its size.
        fileprivate(set) var pathStart: UInt32
        /// Its name in the staging area; ``notStaged`` when it was unchanged.
        var stagedName: UInt32

        static let notStaged = UInt32.max
        /// The most a record notes of where lines are, and of how long one is. A line it cannot note
        /// is left out, and the cache then records nothing for the path; 1 TiB of lines, or one of 1 MiB, is not made.
        static let lineStartLimit = 1 << 40, lineCountLimit = 1 << 20
        /// The most a record notes of a size, past any output's.
        static let sizeLimit = 1 << 56

        init(lineStart: Int, lineCount: Int, stagedName: UInt32, flags: Flags) {
            let noted = lineCount > 0 && lineCount < Self.lineCountLimit && lineStart >= 0 && lineStart < Self.lineStartLimit
            lineAndFlags = (noted ? UInt64(lineStart) << 24 | UInt64(lineCount) << 4 : 0) | UInt64(flags.rawValue & 0xF)
            (pathStart, self.stagedName) = (0, stagedName)
        }

        /// The record of an output a rerun found on disk as the run record says (``appendUnchanged``).
        static func unchanged(pathStart: UInt32) -> Record {
            var record = Record(lineStart: 0, lineCount: 0, stagedName: notStaged, flags: [.knownOnDisk, .trustedByStamp])
            record.pathStart = pathStart
            return record
        }

        /// Whether it is the record of an output found unchanged, whatever its path (``unchanged(pathStart:)``).
        fileprivate var isUnchanged: Bool {
            lineAndFlags == Self.unchanged(pathStart: 0).lineAndFlags && stagedName == Self.notStaged
        }

        var isStaged: Bool { stagedName != Self.notStaged }
        /// Where its cache line starts in ``CacheLines``.
        var lineStart: Int { Int(lineAndFlags >> 24) }
        /// The length of its cache line in ``CacheLines``; 0 when it has none there.
        var lineCount: UInt32 { UInt32(lineAndFlags >> 4 & 0xF_FFFF) }
        var flags: Flags { Flags(rawValue: UInt8(lineAndFlags & 0xF)) }
    }

    /// The records: each in full, or, while every one is of an output found unchanged (what a rerun
    /// answered from the run record keeps), only where each one's path starts: 4 bytes where a
    /// record is 16 (3.6 MB less at 300,000 outputs, a fifth of what such a rerun held).
    struct Records: RandomAccessCollection, Sendable {
        fileprivate var full: [Record] = []
        /// Where each record's path starts, while ``full`` is empty.
        fileprivate var unchangedStarts: [UInt32] = []
        /// Whether unchanged records are kept as path starts: only in what was reserved for them
        /// (``reserve(unchanged:)``), so that a session's records, reserved in full, are never copied.
        fileprivate var keepsStarts = false

        var startIndex: Int { 0 }
        var endIndex: Int { full.isEmpty ? unchangedStarts.count : full.count }
        /// Whether only where each record's path starts is kept.
        var keepsOnlyPathStarts: Bool { full.isEmpty && !unchangedStarts.isEmpty }

        subscript(index: Int) -> Record {
            full.isEmpty ? Record.unchanged(pathStart: unchangedStarts[index]) : full[index]
        }

        fileprivate mutating func append(_ record: Record) {
            if keepsStarts, full.isEmpty, record.isUnchanged {
                unchangedStarts.append(record.pathStart)
            } else {
                makeFull()
                full.append(record)
            }
        }

        /// Every record in full, from here on.
        fileprivate mutating func makeFull() {
            guard full.isEmpty, !unchangedStarts.isEmpty else { return }
            full = unchangedStarts.map(Record.unchanged)
            unchangedStarts = []
            keepsStarts = false
        }
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

    /// The records, in the order they were appended, or in their paths' order once sorted.
    private(set) var records = Records()
    /// Each record's path (its length in 7-bit groups, then its bytes), then its material's and kind's numbers and its size (7 bits a byte).
    private(set) var paths: [UInt8] = []
    /// The records' materials: each once, unless it comes back after ``recentMaterials`` others.
    private var materials: [String] = []
    private var kinds: [Kind] = []
    private var kindNumbers: [Kind: UInt32] = [:]

    /// Room for about `count` records of outputs found unchanged (``appendUnchanged``): paths of
    /// 32 bytes or less and their numbers.
    mutating func reserve(unchanged count: Int) {
        records.keepsStarts = true
        records.unchangedStarts.reserveCapacity(count)
        paths.reserveCapacity(count * (32 + Self.numbersRoom))
        materials.reserveCapacity(count)
    }

    /// Room for `count` records whose paths and the numbers after them take `pathBytes`, and for their
    /// materials. What is reserved and never used is never touched, so it takes address space, not
    /// memory: a ``StagedList`` reserves the most the numbers and materials can take.
    mutating func reserve(records count: Int, pathBytes: Int) {
        records.full.reserveCapacity(count)
        paths.reserveCapacity(pathBytes)
        materials.reserveCapacity(count)
    }

    /// How many materials back a record's material is looked for before it is kept again.
    /// Outputs are staged as the jobs make them, so a material's outputs are mixed with those of the
    /// few other materials being made at the same time; only its last few are looked at.
    static let recentMaterials = 16

    /// The bytes a path of `count` bytes takes in ``paths``: its length, in 7-bit groups, and itself;
    /// the numbers and size written after it take at most ``numbersRoom`` more.
    static func room(forPathOf count: Int) -> Int {
        count + varintSize(count)
    }

    /// The most the two numbers and the size after a path take.
    static let numbersRoom = 2 * varintSize(Int(UInt32.max)) + varintSize(Record.sizeLimit)

    /// The bytes `value` takes in 7-bit groups.
    static func varintSize(_ value: Int) -> Int {
        max(1, (Int.bitWidth - value.leadingZeroBitCount + 6) / 7)
    }

    private mutating func appendVarint(_ value: Int) {
        var value = value
        repeat {
            paths.append(UInt8(value & 0x7F) | (value >= 0x80 ? 0x80 : 0))
            value >>= 7
        } while value > 0
    }

    /// The number written in 7-bit groups at `at` in `bytes`, and where the next thing starts.
    private static func varint(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (value: Int, next: Int) {
        var at = start, value = 0, shift = 0
        while true {
            let byte = bytes[at]
            at += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return (value, at) }
            shift += 7
        }
    }

    /// Whether paths of `total` bytes in all (as ``room(forPathOf:)`` counts them) can be kept: a record
    /// notes where its path starts in 32 bits.
    static func canKeep(pathBytes total: Int) -> Bool {
        total <= Int(UInt32.max)
    }

    /// Keeps `output` (its bytes are not kept), with its staged name and where its cache line is;
    /// a line too long to note (1 MiB) is left out, and the cache then records nothing for the path.
    mutating func append(_ output: PlannedOutput, stagedName: UInt32?, line: (start: Int, count: Int)?) {
        var path = output.path
        let kept = path.withUTF8 {
            append(Record(lineStart: line?.start ?? 0, lineCount: line?.count ?? 0,
                          stagedName: stagedName ?? Record.notStaged, flags: Self.flags(of: output)),
                   size: output.size, path: UnsafeRawBufferPointer($0),
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

    /// Keeps a record with its size, path's bytes and names: one read back from a ``StagedList``, or made
    /// above. False, and nothing kept, when the paths would pass 4 GiB (``canKeep(pathBytes:)``).
    /// A size is noted up to ``Record/sizeLimit``, past any output's.
    mutating func append(_ record: Record, size: Int, path: UnsafeRawBufferPointer, names: Names) -> Bool {
        let size = min(max(size, 0), Record.sizeLimit - 1)
        let known = materials.indices.suffix(Self.recentMaterials).last { materials[$0] == names.material }
        let material = known ?? materials.count
        let kind = Kind(format: names.format, locale: names.locale)
        let kindNumber = kindNumbers[kind].map(Int.init) ?? kinds.count
        let room = Self.room(forPathOf: path.count) + Self.varintSize(material) + Self.varintSize(kindNumber) + Self.varintSize(size)
        guard Self.canKeep(pathBytes: paths.count + room) else { return false }
        var record = record
        record.pathStart = UInt32(paths.count)
        appendVarint(path.count)
        paths.append(contentsOf: path)
        // No more materials or kinds than records, and no more records than paths' bytes: 32 bits number them.
        appendVarint(material)
        appendVarint(kindNumber)
        appendVarint(size)
        if known == nil { materials.append(names.material) }
        if kindNumber == kinds.count {
            kindNumbers[kind] = UInt32(kindNumber)
            kinds.append(kind)
        }
        records.append(record)
        return true
    }

    /// Keeps an output that is on disk as it should be, from its path's bytes: what a rerun
    /// answered from the run record (``RunRecord``) reports. False when the paths would pass 4 GiB,
    /// or for a size no output has.
    mutating func appendUnchanged(path: UnsafeBufferPointer<UInt8>, format: String, material: String, locale: String?, size: Int) -> Bool {
        guard size >= 0, size < Record.sizeLimit else { return false }
        return append(Record(lineStart: 0, lineCount: 0, stagedName: Record.notStaged, flags: [.knownOnDisk, .trustedByStamp]),
               size: size, path: UnsafeRawBufferPointer(path), names: Names(material: material, format: format, locale: locale))
    }

    /// A record's material, format and locale.
    func names(_ record: Record) -> Names { namesAndSize(record).names }

    /// A record's size.
    func size(of record: Record) -> Int { numbers(of: record).size }

    /// A record's names and size, from one reading of the numbers after its path.
    func namesAndSize(_ record: Record) -> (names: Names, size: Int) {
        let numbers = numbers(of: record)
        let kind = kinds[numbers.kind]
        return (Names(material: materials[numbers.material], format: kind.format, locale: kind.locale), numbers.size)
    }

    /// The numbers written after a record's path.
    private func numbers(of record: Record) -> (material: Int, kind: Int, size: Int) {
        paths.withUnsafeBufferPointer { bytes in
            let material = Self.varint(at: Self.pathRange(record, in: bytes).upperBound, in: bytes)
            let kind = Self.varint(at: material.next, in: bytes)
            return (material.value, kind.value, Self.varint(at: kind.next, in: bytes).value)
        }
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
        records.makeFull()
        paths.withUnsafeBufferPointer { bytes in
            records.full.withUnsafeMutableBufferPointer { records in
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

    /// Where a record's path is in `bytes` (``paths``); its numbers start at its end.
    private static func pathRange(_ record: Record, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let (length, at) = varint(at: Int(record.pathStart), in: bytes)
        return at..<(at + length)
    }

    private static func path(_ record: Record, in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[pathRange(record, in: bytes)])
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
/// happened to it. Each element is made when it is read, from the 16 bytes and the path the write kept.
public struct WriteResults: RandomAccessCollection, Sendable {
    private let outputs: StagedOutputs

    init(_ outputs: StagedOutputs) { self.outputs = outputs }

    /// The first position: 0.
    public var startIndex: Int { 0 }
    /// One past the last position: the number of outputs.
    public var endIndex: Int { outputs.records.count }

    /// The output at `position` (its path, format, material, locale and size; no bytes), and what happened to it.
    public subscript(position: Int) -> (PlannedOutput, WriteStatus) {
        let record = outputs.records[position], (names, size) = outputs.namesAndSize(record)
        var output = PlannedOutput(path: outputs.path(record), format: names.format, material: names.material,
                                   locale: names.locale, size: size)
        output.knownOnDisk = record.flags.contains(.knownOnDisk)
        output.trustedByStamp = record.flags.contains(.trustedByStamp)
        return (output, record.isStaged ? .written : .unchanged)
    }
}
