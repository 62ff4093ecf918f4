import Foundation

/// What identifies the running outreach for the render cache: its version and
/// the SHA-256 of its own executable, so a rebuilt binary, even of the same
/// version and size, never trusts outputs an older one made. No times are used.
enum BinaryIdentity {
    /// Computed once per process, when a run first uses the render cache.
    static let current: ContentDigest = {
        var digest = ContentDigest()
        digest.add(Outreach.version)
        let path = executablePath
        digest.add(path.flatMap { FileManager.default.contents(atPath: $0) }.map(ContentDigest.hex(of:)))
        return digest
    }()

    /// The executable's path: `/proc/self/exe` where there is one, else what Foundation says.
    private static var executablePath: String? {
        #if os(Linux)
        if FileManager.default.fileExists(atPath: "/proc/self/exe") { return "/proc/self/exe" }
        #endif
        return Bundle.main.executablePath
    }
}
