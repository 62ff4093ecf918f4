import Foundation

/// One part of a run split into `count` parts, for CI matrices: `--shard 2/8`.
///
/// An output belongs to the part its path hashes to (the first eight bytes of
/// the SHA-256 of the path, modulo `count`), so the split depends on nothing
/// but the path: adding or removing other materials moves no output to another
/// part, every output is in exactly one part, and the parts together are the whole run.
public struct Shard: Sendable, Hashable {
    /// Which part, from 1 to `count`.
    public let index: Int
    /// How many parts.
    public let count: Int

    /// A shard, or nil when `index` is not between 1 and `count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Reads `K/N`, such as `2/8`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    /// Whether the output at `path` (relative to the output folder) is in this part.
    public func contains(_ path: String) -> Bool {
        guard count > 1 else { return true }
        var digest = ContentDigest()
        digest.add(path)
        let prefix = digest.bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(prefix % UInt64(count)) == index - 1
    }
}
