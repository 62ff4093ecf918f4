internal import Crypto
import Foundation

/// A SHA-256 digest over a canonical encoding of values: what the render
/// cache keys on and what it records of each file it wrote.
///
/// Every value is written with a type tag and, for strings, bytes and lists,
/// its length first, so the encoding is prefix-free: two different sequences
/// of values never give the same bytes (`("ab", "c")` and `("a", "bc")`
/// differ, and so do a table whose rows split the same cells differently).
struct ContentDigest: Sendable, Hashable {
    private var hasher = SHA256()
    /// Bytes not yet given to the hasher: a document adds thousands of short values, and
    /// each update of the hasher costs far more than copying a few bytes.
    private var pending: [UInt8] = []
    private static let pendingLimit = 4096

    init() {}

    /// Adds a string: its UTF-8 bytes, after their length.
    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            header(0x73, length: buffer.count)
            append(UnsafeRawBufferPointer(buffer))
        }
    }

    /// Adds raw bytes, through the pending buffer when they are short.
    private mutating func append(_ buffer: UnsafeRawBufferPointer) {
        if pending.count + buffer.count <= Self.pendingLimit {
            pending.append(contentsOf: buffer)
            return
        }
        flush()
        hasher.update(bufferPointer: buffer)
    }

    /// Gives the hasher every pending byte, so a copy made now does not hash them again.
    mutating func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        pending.removeAll(keepingCapacity: true)
    }

    /// The hasher with every pending byte given to it.
    private var flushed: SHA256 {
        var copy = hasher
        if !pending.isEmpty { pending.withUnsafeBytes { copy.update(bufferPointer: $0) } }
        return copy
    }

    /// Adds a string that may be absent; absent and empty differ.
    mutating func add(_ text: String?) {
        if let text {
            add(true)
            add(text)
        } else {
            add(false)
        }
    }

    /// Adds bytes, after their length.
    mutating func add(_ data: Data) {
        header(0x64, length: data.count)
        data.withUnsafeBytes { append($0) }
    }

    /// Adds a number.
    mutating func add(_ number: Int) { header(0x69, length: number) }

    /// Adds a flag.
    mutating func add(_ flag: Bool) { header(0x62, length: flag ? 1 : 0) }

    /// Adds the number of elements of a list that follows, or a node's tag.
    mutating func add(tag: UInt8, count: Int) { header(tag, length: count) }

    /// Adds another digest's value.
    mutating func add(_ other: ContentDigest) { add(digestBytes: other.bytes) }

    /// Adds another digest's value, taken earlier from its ``bytes``: the same as adding the digest.
    mutating func add(digestBytes bytes: [UInt8]) {
        header(0x68, length: bytes.count)
        bytes.withUnsafeBytes { append($0) }
    }

    /// The 32 bytes of the digest of everything added so far.
    var bytes: [UInt8] { Array(flushed.finalize()) }

    /// The digest of everything added so far, held in its 32 bytes.
    var value: Digest256 { Digest256(bytes: flushed.finalize()) }

    /// The digest as 64 lowercase hexadecimal digits.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in flushed.finalize() {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A plain SHA-256 of bytes given in pieces, such as a large file's.
    struct Streaming {
        private var hasher = SHA256()

        mutating func update(_ data: Data) { hasher.update(data: data) }

        mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

        /// The digest of every byte given so far.
        var value: Digest256 { Digest256(bytes: hasher.finalize()) }

        var hex: String {
            var digest = ContentDigest()
            digest.hasher = hasher
            return digest.hex
        }
    }

    /// The SHA-256 of `data` alone.
    static func value(of data: Data) -> Digest256 {
        var hasher = SHA256()
        hasher.update(data: data)
        return Digest256(bytes: hasher.finalize())
    }

    /// The SHA-256 of `data` alone, in hexadecimal.
    static func hex(of data: Data) -> String {
        var hasher = SHA256()
        hasher.update(data: data)
        var digest = ContentDigest()
        digest.hasher = hasher
        return digest.hex
    }

    /// A tag byte and a 64-bit little-endian length or value.
    private mutating func header(_ tag: UInt8, length: Int) {
        let value = UInt64(bitPattern: Int64(length))
        if pending.count + 9 > Self.pendingLimit { flush() }
        if pending.capacity == 0 { pending.reserveCapacity(256) }
        pending.append(tag)
        for index in 0..<8 { pending.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }

    static func == (lhs: ContentDigest, rhs: ContentDigest) -> Bool { lhs.bytes == rhs.bytes }

    func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}

extension ContentDigest {
    /// Adds a JSON value: its kind, then its contents, objects by sorted key.
    mutating func add(_ json: JSONValue) {
        switch json {
        case .null: add(tag: 0x30, count: 0)
        case .bool(let value): add(tag: 0x31, count: value ? 1 : 0)
        case .number(let value): add(tag: 0x32, count: Int(Int64(bitPattern: value.bitPattern)))
        case .string(let value):
            add(tag: 0x33, count: 0)
            add(value)
        case .array(let values):
            add(tag: 0x34, count: values.count)
            for value in values { add(value) }
        case .object(let object):
            add(tag: 0x35, count: object.count)
            for key in object.keys.sorted() {
                add(key)
                add(object[key] ?? .null)
            }
        }
    }
}
