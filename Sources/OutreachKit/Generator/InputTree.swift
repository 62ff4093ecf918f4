import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The SHA-256 of everything under a path, as a run that reads it can see it: each name in
/// every folder (sorted by bytes), whether it is a folder, a file or something else, and
/// every file's bytes. Symbolic links are followed, as the loaders follow them; a folder
/// reached twice (a link back up the tree) is named, not walked again.
///
/// What a run record (``RunRecord``) keeps of each folder a run reads: the content, the
/// templates, the format folders and the assets. It is taken before the run reads them, so
/// an edit made while the run reads them sends the next run the long way.
struct InputTree {
    /// At most this many names and bytes in all the trees of one run; past either, the run
    /// keeps no record (a content folder with a whole disk under it does not get one).
    static let nameLimit = 50_000
    static let byteLimit = 1 << 30

    private var names = 0
    private var bytes = 0

    /// The digest of the tree at `path`, or nil when it is past the limits or a file
    /// cannot be read (the run then keeps no record).
    mutating func digest(of path: String) -> Digest256? {
        var digest = ContentDigest()
        var folders: Set<FolderID> = []
        guard add(path, to: &digest, depth: 0, folders: &folders) else { return nil }
        return digest.value
    }

    private struct FolderID: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    private mutating func add(_ path: String, to digest: inout ContentDigest, depth: Int, folders: inout Set<FolderID>) -> Bool {
        names += 1
        guard names <= Self.nameLimit, depth <= 64 else { return false }
        var status = stat()
        guard stat(path, &status) == 0 else {
            let failure = errno
            // Absent, or a link to nothing: a run finds nothing there either.
            digest.add("absent")
            return failure == ENOENT || failure == ENOTDIR
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            digest.add("file")
            bytes += Int(status.st_size)
            guard bytes <= Self.byteLimit, let data = FileManager.default.contents(atPath: path) else { return false }
            digest.add(data)
            return true
        case S_IFDIR:
            let id = FolderID(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
            guard folders.insert(id).inserted else {
                digest.add("cycle")
                return true
            }
            defer { folders.remove(id) }
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { return false }
            let sorted = entries.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            digest.add("folder")
            digest.add(tag: 0x6c, count: sorted.count)
            for name in sorted {
                digest.add(name)
                guard add(path + "/" + name, to: &digest, depth: depth + 1, folders: &folders) else { return false }
            }
            return true
        default:
            // A pipe or a device: named by its kind, never read (a pipe would block).
            digest.add("other")
            digest.add(Int(status.st_mode & S_IFMT))
            return true
        }
    }
}
