import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes written to a new file a block at a time as they are made, with their SHA-256: the
/// render cache and the output state are written this way, so a file of 300,000 lines is never
/// held whole, as a string and then again as `Data`. Without a file, it keeps the bytes.
struct BlockWriter: ~Copyable {
    private var buffer: [UInt8] = []
    private let descriptor: Int32?
    private var hasher = ContentDigest.Streaming()
    private var failure: Int32?
    private static let blockSize = 256 << 10

    /// A writer that keeps what it is given, for ``bytes``.
    init() {
        descriptor = nil
    }

    /// A writer into a new file at `path`; throws when it exists or cannot be made.
    init(newFileAt path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(errno) }
        self.descriptor = descriptor
        buffer.reserveCapacity(Self.blockSize)
    }

    deinit {
        if let descriptor { close(descriptor) }
    }

    mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.blockSize { flush() }
    }

    /// Appends `text`, then `separator`.
    mutating func append(_ text: String, then separator: UInt8) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(separator)
        if buffer.count >= Self.blockSize { flush() }
    }

    mutating func append(_ byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= Self.blockSize { flush() }
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.blockSize { flush() }
    }

    /// Appends `value` in decimal, with a `-` when negative, then `separator`: the stamps of a run
    /// record or state file, 300,000 lines of four numbers, made without a string each.
    mutating func append<Value: BinaryInteger>(decimal value: Value, then separator: UInt8) {
        var magnitude = UInt64(truncatingIfNeeded: value.magnitude)
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // 20 digits at most, backwards, one a byte
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[index]) }
        }
        buffer.append(separator)
        if buffer.count >= Self.blockSize { flush() }
    }

    mutating func append(_ digest: Digest256) {
        digest.appendHex(to: &buffer)
        if buffer.count >= Self.blockSize { flush() }
    }

    /// Gives the buffer to the hasher and, with a file, writes it out.
    private mutating func flush() {
        guard let descriptor else { return }
        buffer.withUnsafeBytes { raw in
            hasher.update(raw)
            var offset = 0
            while offset < raw.count, failure == nil {
                let count = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if count < 0 {
                    if errno != EINTR { failure = errno }
                    continue
                }
                offset += count
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and returns the SHA-256 of everything written; throws when a write failed.
    consuming func finish() throws -> Digest256 {
        flush()
        if let failure { throw POSIXError(failure) }
        return hasher.value
    }

    /// What a writer without a file was given.
    consuming func bytes() -> Data {
        Data(buffer)
    }
}
