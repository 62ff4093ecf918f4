import Foundation

/// What identifies the running outreach for the render cache: its version and
/// the SHA-256 of its own executable, so a rebuilt binary, even of the same
/// version and size, never trusts outputs an older one made.
///
/// Reading a release binary to hash it costs about 0.2 s, a real share of a
/// no-op rerun, so the digest is remembered per machine in the user's cache
/// folder (`$XDG_CACHE_HOME/outreach`, else `~/.cache/outreach`), keyed by the
/// executable's device, inode, size and modification time to the nanosecond:
/// a rebuilt or replaced binary differs in at least one and is hashed again.
/// The remembered digest is the same value, so the render cache stays
/// byte-identical whether it was read or computed.
enum BinaryIdentity {
    /// Computed once per process, when a run first uses the render cache.
    static let current: ContentDigest = {
        var digest = ContentDigest()
        digest.add(Outreach.version)
        digest.add(executablePath.flatMap { fileDigest($0, rememberedIn: memoFolder) })
        return digest
    }()

    /// The SHA-256 of a file: the one remembered in `folder` for the file's device, inode, size
    /// and modification time when they are unchanged, else read a megabyte at a time (and remembered).
    static func fileDigest(_ path: String, rememberedIn folder: URL?) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        #if os(Linux)
        let modified = status.st_mtim
        #else
        let modified = status.st_mtimespec
        #endif
        let key = "\(status.st_dev) \(status.st_ino) \(status.st_size) \(modified.tv_sec) \(modified.tv_nsec)"
        let memo = folder?.appendingPathComponent("binary-\(status.st_dev)-\(status.st_ino).sha256")
        if let memo, let text = try? String(contentsOf: memo, encoding: .utf8) {
            let fields = text.split(separator: "\n")
            if fields.count == 2, fields[0] == key, fields[1].utf8.count == 64, fields[1].allSatisfy(\.isHexDigit) {
                return String(fields[1])
            }
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var digest = ContentDigest.Streaming()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { digest.update(chunk) }
        let hex = digest.hex
        if let folder, let memo {
            // Best effort: a folder that cannot be written only means hashing again next time.
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? Data("\(key)\n\(hex)\n".utf8).write(to: memo, options: .atomic)
        }
        return hex
    }

    /// Where digests are remembered: `$XDG_CACHE_HOME/outreach`, else `$HOME/.cache/outreach`.
    static var memoFolder: URL? {
        let environment = ProcessInfo.processInfo.environment
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return URL(fileURLWithPath: cache).appendingPathComponent("outreach")
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/outreach")
    }

    /// The executable's path: `/proc/self/exe` where there is one, else what Foundation says.
    private static var executablePath: String? {
        #if os(Linux)
        if FileManager.default.fileExists(atPath: "/proc/self/exe") { return "/proc/self/exe" }
        #endif
        return Bundle.main.executablePath
    }
}
