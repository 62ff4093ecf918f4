import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Merging a run's items, sorted by path, into a file of lines sorted by path: how the render
/// cache and the output state are saved. The old file is read a block at a time beside the
/// items and the new one written a block at a time, so neither is ever held whole.
///
/// Paths are compared as bytes, as the file system names files, not as Swift strings (which
/// call two spellings of "é" equal).
enum SortedLineMerge {
    /// What became of the old file.
    enum Outcome: Equatable {
        /// Its lines were kept; it had this SHA-256 (nil: there was no old file, or it was not read to its end).
        case merged(oldDigest: Digest256?)
        /// It was damaged or out of order, and nothing written may be used: start again without it.
        case damaged
    }

    /// How a line that is not one, or a file without the header, is taken.
    enum Policy {
        /// The whole file is ``Outcome/damaged``.
        case strict
        /// The line is dropped; a file without the header has no lines.
        case lenient
    }

    /// Writes `header` and a line feed, then the lines that result from merging `items` (sorted by path,
    /// each path once) over the file at `old`. Each item is handed to `write` with the old line of its
    /// path, when there is one, to replace it (or copy it, or write nothing); the old lines of other
    /// paths are copied as they are. `path` gives an old line's path, nil when the line is damaged.
    /// A file out of order is always damaged.
    static func merge<Items: Sequence, Value>(
        _ items: Items, header: String, over old: String?, policy: Policy, to writer: inout BlockWriter,
        path: (UnsafeBufferPointer<UInt8>) -> [UInt8]?,
        write: (Value, UnsafeBufferPointer<UInt8>?, inout BlockWriter) -> Void
    ) -> Outcome where Items.Element == (path: [UInt8], value: Value) {
        writer.append(header + "\n")
        var iterator = items.makeIterator()
        var next = iterator.next()
        var previous: [UInt8]?
        var sawHeader = false
        var damaged = false
        var digest: Digest256?
        if let old, FileManager.default.fileExists(atPath: old) {
            digest = ByteLines.forEach(inFileAt: old) { line in
                guard sawHeader else {
                    sawHeader = ByteLines.string(line) == header
                    damaged = !sawHeader && policy == .strict
                    return sawHeader
                }
                guard let linePath = path(line) else {
                    damaged = policy == .strict
                    return !damaged
                }
                guard previous.map({ compare($0, linePath) < 0 }) ?? true else {
                    damaged = true
                    return false
                }
                while let item = next, compare(item.path, linePath) < 0 {
                    write(item.value, nil, &writer)
                    next = iterator.next()
                }
                if let item = next, item.path == linePath {
                    write(item.value, line, &writer)
                    next = iterator.next()
                } else {
                    writer.append(line)
                    writer.append(UInt8(ascii: "\n"))
                }
                previous = linePath
                return true
            }
            if policy == .strict, digest == nil || !sawHeader { damaged = true }
        }
        if damaged { return .damaged }
        while let item = next {
            write(item.value, nil, &writer)
            next = iterator.next()
        }
        return .merged(oldDigest: digest)
    }

    /// Byte order: negative when `a` sorts first, zero when equal.
    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in compare(a, b) } }
    }

    /// Byte order of two buffers: negative when `a` sorts first, zero when equal.
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}
