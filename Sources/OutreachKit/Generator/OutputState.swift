import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the outputs looked like on disk when a run last wrote or checked them:
/// each file's inode, size, and modification and change times, in nanoseconds.
///
/// A rerun trusts a file whose `lstat` still gives the same four values to hold
/// the bytes the render cache recorded for it, without reading it; any
/// difference (an edit, a copy over it, a touch, a file put back from a backup)
/// sends it to the digest instead. The change time cannot be set by a program,
/// so a file edited and then given back its old modification time still
/// differs. Kept in `.outreach-state`, apart from the render cache: it describes
/// this folder on this filesystem, so unlike the cache it is not the same from
/// one machine to the next.
struct OutputState: Sendable {
    static let fileName = ".outreach-state"
    private static let header = "outreach-state 1"

    /// One file's identity on disk.
    struct Stamp: Sendable, Equatable {
        var inode: UInt64
        var size: Int64
        var modified: Int64
        var changed: Int64

        /// Appends the inode, size, modification and change time in decimal, each followed by `separator`.
        func append(to writer: inout BlockWriter, separator: UInt8) {
            writer.append(decimal: inode, then: separator)
            writer.append(decimal: size, then: separator)
            writer.append(decimal: modified, then: separator)
            writer.append(decimal: changed, then: separator)
        }

        /// The stamp of the regular file at `path`; nil for anything else or when it cannot be read.
        static func of(_ path: String) -> Stamp? {
            path.withCString { of(cPath: $0) }
        }

        /// The stamp of the regular file at a path given as a C string.
        static func of(cPath path: UnsafePointer<CChar>) -> Stamp? {
            var status = stat()
            guard lstat(path, &status) == 0 else { return nil }
            return of(status)
        }

        /// The stamp of the open file `descriptor`, when it is a regular file.
        static func of(descriptor: Int32) -> Stamp? {
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { return nil }
            return of(status)
        }

        private static func of(_ status: stat) -> Stamp? {
            guard (status.st_mode & S_IFMT) == S_IFREG else { return nil }
            #if canImport(Darwin)
            let modified = Int64(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(status.st_mtimespec.tv_nsec)
            let changed = Int64(status.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(status.st_ctimespec.tv_nsec)
            #else
            let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
            let changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
            #endif
            return Stamp(inode: UInt64(status.st_ino), size: Int64(status.st_size), modified: modified, changed: changed)
        }
    }

    /// The stamps by path, as a run looks them up.
    private(set) var stamps = PathTable<Stamp>()
    /// When the state file was written (its modification time); a stamp is trusted only when the
    /// file's change time is older, so that an edit in the same clock tick as outreach's own write
    /// (file times are kept at the kernel's clock tick) still sends the file to its digest.
    private var written: Int64 = .min
    /// The output folder's path, as it was loaded from.
    private var root = ""

    /// Makes the file at `path` newer than `time` (nanoseconds, as a stamp has them) by setting its
    /// modification time to now, once now is past `time` on the file system's clock: a file that
    /// vouches for stamps must be newer than every change it vouches for, and a change and the file
    /// can fall in one clock tick (a few milliseconds) when the file is written right after the
    /// change. Gives up after about 50 ms; false then, or when the file cannot be touched.
    @discardableResult
    static func makeNewer(_ path: String, than time: Int64) -> Bool {
        for attempt in 0..<50 {
            guard let stamp = Stamp.of(path) else { return false }
            if stamp.modified > time { return true }
            if attempt > 0 { usleep(1_000) }
            // No times given: both set to now.
            guard utimensat(AT_FDCWD, path, nil, 0) == 0 else { return false }
        }
        return Stamp.of(path).map { $0.modified > time } ?? false
    }

    /// The state in `folder`, or an empty one when there is none or it cannot be read.
    /// Read a block at a time, and kept without the paths (``PathTable``).
    static func load(from folder: URL) -> OutputState {
        let path = folder.appendingPathComponent(fileName).path
        guard let stamp = Stamp.of(path) else { return OutputState() }
        var state = OutputState()
        state.written = stamp.modified
        state.root = folder.path
        var sawHeader = false
        state.stamps.reserve(ByteLines.lineFeeds(inFileAt: path))
        let digest = ByteLines.forEach(inFileAt: path) { line in
            guard sawHeader else {
                sawHeader = ByteLines.string(line) == header
                return sawHeader
            }
            if let (stamp, path) = parse(line) { state.stamps.append(path: path, stamp) }
            return true
        }
        guard sawHeader, digest != nil else { return OutputState() }
        state.stamps.finish()
        return state
    }

    /// A line's stamp and path: `INODE SIZE MODIFIED CHANGED PATH`, four numbers, then the path to
    /// the end of the line; nil for a line that is not one.
    private static func parse(_ line: UnsafeBufferPointer<UInt8>) -> (Stamp, UnsafeBufferPointer<UInt8>)? {
        let fields = ByteLines.fields(line, separator: UInt8(ascii: " "), limit: 5)
        guard fields.count == 5, let inode = UInt64(ByteLines.string(fields[0])), let size = Int64(ByteLines.string(fields[1])),
              let modified = Int64(ByteLines.string(fields[2])), let changed = Int64(ByteLines.string(fields[3])),
              !fields[4].isEmpty else { return nil }
        return (Stamp(inode: inode, size: size, modified: modified, changed: changed), fields[4])
    }

    /// The file's size when the file at `path` in the folder the state was loaded from is as it was
    /// when its stamp was taken, and was last changed before the state was written; nil otherwise.
    func unchangedSize(of path: String) -> Int? {
        guard let stamp = stamps[path], stamp.changed < written, Stamp.of(root + "/" + path) == stamp else { return nil }
        return Int(stamp.size)
    }

    /// Writes the state that results from taking the stamp of each of `paths` (sorted by bytes, each
    /// once) in `folder` over the state file at `old`: a path's line is replaced by its new stamp, or
    /// removed when it names no regular file; the lines of other paths are kept. Lines that are not
    /// stamps are dropped. Read and written a block at a time, so neither state is held whole.
    ///
    /// Returns false when the old file is out of order: then start again without it.
    static func write<Paths: Sequence<[UInt8]>>(stamping paths: Paths, in folder: URL, over old: String?,
                                                to writer: inout BlockWriter, stamped: (Stamp) -> Void = { _ in }) -> Bool {
        let root = folder.path
        let outcome = SortedLineMerge.merge(
            paths.lazy.map { (path: $0, value: $0) }, header: header, over: old, policy: .lenient, to: &writer,
            path: { line in parse(line).map { Array($0.1) } }
        ) { path, _, writer in
            guard !path.contains(UInt8(ascii: "\n")) else { return }
            let text = String(decoding: path, as: UTF8.self)
            guard let stamp = Stamp.of(root + "/" + text) else { return }
            stamped(stamp)
            stamp.append(to: &writer, separator: UInt8(ascii: " "))
            path.withUnsafeBufferPointer { writer.append($0) }
            writer.append(UInt8(ascii: "\n"))
        }
        return outcome != .damaged
    }
}
