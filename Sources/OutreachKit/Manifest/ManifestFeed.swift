import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A manifest file read as it is parsed, a block at a time, so its text is never held whole (14 MB
/// at 100,000 materials, the largest thing a run held while it read them). The bytes are digested
/// and checked to be plain text (``InputText/PlainTextScanner``) as they go by.
///
/// The file is read this way only when it is a regular file that does not change while it is read
/// (its stamp before and after); anything else, and any text that is not plain, is read whole the
/// usual way, which also reports what is wrong with it.
final class ManifestFeed {
    let descriptor: Int32
    let path: String
    private var offset = 0
    private var digest = ContentDigest.Streaming()
    private var scanner = InputText.PlainTextScanner()
    private var reachedEnd = false
    private var failed = false
    /// The file's stamp when it was opened.
    let stamp: OutputState.Stamp

    /// Opens the regular file at `path`; nil for anything else, or when it cannot be opened.
    init?(path: String) {
        guard let before = OutputState.Stamp.of(path) else { return nil }
        // Not blocking: a pipe put in the file's place after the stamp was taken cannot hang the run.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        guard OutputState.Stamp.of(descriptor: descriptor) == before else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.path = path
        stamp = before
    }

    deinit { close(descriptor) }

    /// Fills `buffer` from the file: the count read (0 at its end), or nil once the file cannot be
    /// read or its text is not plain, which stops the parse.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        guard !failed else { return nil }
        let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
        guard count >= 0 else {
            failed = true
            return nil
        }
        if count == 0 {
            reachedEnd = true
            return 0
        }
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[..<count])
        digest.update(bytes)
        guard scanner.scan(bytes) else {
            failed = true
            return nil
        }
        offset += count
        return count
    }

    /// Whether every byte was read and is plain text, and the file is as it was when it was opened,
    /// by its path and by the open file.
    var isWhole: Bool {
        guard !failed, reachedEnd, scanner.finish() else { return false }
        return OutputState.Stamp.of(descriptor: descriptor) == stamp && OutputState.Stamp.of(path) == stamp
    }

    /// The SHA-256 of the bytes read, in hexadecimal: of the whole file once ``isWhole``.
    var hex: String { digest.hex }
}
