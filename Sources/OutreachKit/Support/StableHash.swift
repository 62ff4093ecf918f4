import Foundation

/// A 128-bit digest that is the same in every process (Swift's `Hasher` is
/// seeded per process): two FNV-1a 64-bit hashes with different offsets.
///
/// Used only to notice that the inputs of an output did not change; it is not
/// a cryptographic hash.
struct StableHash: Hashable, Sendable {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x6c62_272e_07bb_0142

    mutating func add<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        // Contiguous storage (Data, most Strings) is read directly: iterating Data byte by byte is slow.
        let done = bytes.withContiguousStorageIfAvailable { buffer in mix(buffer) } != nil
        if !done { Array(bytes).withUnsafeBufferPointer { mix($0) } }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        a = (a ^ 0xff) &* 0x0000_0100_0000_01b3
        b = (b ^ 0xfe) &* 0x0000_0100_0000_01b3
    }

    mutating func add(_ data: Data) {
        data.withUnsafeBytes { raw in mix(raw.bindMemory(to: UInt8.self)) }
        a = (a ^ 0xff) &* 0x0000_0100_0000_01b3
        b = (b ^ 0xfe) &* 0x0000_0100_0000_01b3
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { mix($0) }
        a = (a ^ 0xff) &* 0x0000_0100_0000_01b3
        b = (b ^ 0xfe) &* 0x0000_0100_0000_01b3
    }

    private mutating func mix(_ buffer: UnsafeBufferPointer<UInt8>) {
        var a = self.a, b = self.b
        let prime: UInt64 = 0x0000_0100_0000_01b3
        let raw = UnsafeRawBufferPointer(buffer)
        var index = 0
        // Eight bytes at a time, then the rest one by one.
        while index + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            a = (a ^ word) &* prime
            b = (b ^ (word >> 32 | word << 32)) &* prime
            b = b &+ (b >> 29)
            index += 8
        }
        while index < raw.count {
            let byte = UInt64(raw[index])
            a = (a ^ byte) &* prime
            b = (b ^ byte) &* prime
            b = b &+ (b >> 29)
            index += 1
        }
        self.a = a
        self.b = b
    }

    mutating func add(_ other: StableHash) {
        add(String(other.a, radix: 16))
        add(String(other.b, radix: 16))
    }

    /// The digest as 32 hex digits.
    var hex: String {
        let high = String(a, radix: 16), low = String(b, radix: 16)
        return String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 16 - low.count) + low
    }
}
