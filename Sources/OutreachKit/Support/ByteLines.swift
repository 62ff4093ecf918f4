import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines and tab- or space-separated fields of a text file, read straight from its bytes a
/// block at a time: the render cache and the output state are read this way, without holding
/// the file or making a `Data` or `String` of each line first.
enum ByteLines {
    /// The line split at `separator` into at most `limit` fields; the last field keeps the rest of the line.
    static func fields(_ line: UnsafeBufferPointer<UInt8>, separator: UInt8, limit: Int) -> [UnsafeBufferPointer<UInt8>] {
        var fields: [UnsafeBufferPointer<UInt8>] = []
        fields.reserveCapacity(limit)
        var start = 0
        var index = 0
        while index < line.count, fields.count < limit - 1 {
            if line[index] == separator {
                fields.append(UnsafeBufferPointer(rebasing: line[start..<index]))
                start = index + 1
            }
            index += 1
        }
        fields.append(UnsafeBufferPointer(rebasing: line[start..<line.count]))
        return fields
    }

    /// The bytes as a string (invalid UTF-8 repaired).
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

extension ByteLines {
    /// Calls `body` with each non-empty line of the file at `path`, reading it a block at a time,
    /// so a large file is never held whole; stops when `body` returns false.
    ///
    /// Returns the SHA-256 of every byte of the file when it was read to its end, and nil when
    /// it could not be opened or read, or `body` stopped early.
    static func forEach(inFileAt path: String, blockSize: Int = 1 << 20, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Digest256? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hasher = ContentDigest.Streaming()
        var buffer = [UInt8](repeating: 0, count: max(blockSize, 16))
        // The start of a line whose end has not been read yet, kept at the start of `buffer`.
        var kept = 0
        while true {
            // A line longer than the buffer: make room for more of it.
            if kept == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + kept, $0.count - kept) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            let end = kept + count
            let next = buffer.withUnsafeBufferPointer { bytes -> Int? in
                hasher.update(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[kept..<end])))
                var start = 0
                for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
                    if index > start, !body(UnsafeBufferPointer(rebasing: bytes[start..<index])) { return nil }
                    start = index + 1
                }
                // At the end of the file, the last line needs no line feed.
                if count == 0, end > start, !body(UnsafeBufferPointer(rebasing: bytes[start..<end])) { return nil }
                return start
            }
            guard let start = next else { return nil }
            if count == 0 { return hasher.value }
            kept = end - start
            if kept > 0, start > 0 { buffer.replaceSubrange(0..<kept, with: buffer[start..<end]) }
        }
    }

    /// How many line feeds the file at `path` holds (0 when it cannot be read): a bound on its
    /// lines, for reserving room before reading them.
    static func lineFeeds(inFileAt path: String) -> Int {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var count = 0
        while true {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return count }
            count += buffer[..<got].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
    }
}
