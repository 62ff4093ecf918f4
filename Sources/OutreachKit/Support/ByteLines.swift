import Foundation

/// Lines and tab- or space-separated fields of a small text file, read straight from its bytes:
/// the render cache and the output state are read this way, without making a `Data` or
/// `String` of each line first.
enum ByteLines {
    /// Calls `body` with each non-empty line (without its line feed), until it returns false.
    static func forEach(in data: Data, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            var index = 0
            while index <= bytes.count {
                if index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
                    if index > start, !body(UnsafeBufferPointer(rebasing: bytes[start..<index])) { return }
                    start = index + 1
                }
                index += 1
            }
        }
    }

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
