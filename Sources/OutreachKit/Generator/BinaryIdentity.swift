import Foundation

/// What identifies the running outreach for the render cache: its version and
/// the SHA-256 of its own executable, so a rebuilt binary, even of the same
/// version and size, never trusts outputs an older one made. No times are used.
enum BinaryIdentity {
    /// Computed once per process, when a run first uses the render cache.
    static let current: ContentDigest = {
        var digest = ContentDigest()
        digest.add(Outreach.version)
        digest.add(executablePath.flatMap(fileDigest))
        return digest
    }()

    /// The SHA-256 of a file, read a megabyte at a time.
    private static func fileDigest(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var digest = ContentDigest.Streaming()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { digest.update(chunk) }
        return digest.hex
    }

    /// The executable's path: `/proc/self/exe` where there is one, else what Foundation says.
    private static var executablePath: String? {
        #if os(Linux)
        if FileManager.default.fileExists(atPath: "/proc/self/exe") { return "/proc/self/exe" }
        #endif
        return Bundle.main.executablePath
    }
}
