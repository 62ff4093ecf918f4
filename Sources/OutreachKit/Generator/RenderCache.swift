import Foundation

/// Remembers, in a hidden file in the output folder, what each output was made
/// from, so that a rerun with unchanged inputs skips rendering it.
///
/// An entry is trusted only when the key (a SHA-256 over a canonical encoding
/// of the document, the format's name and identity, its options and templates,
/// and the outreach binary's version and digest) matches, and the file on disk
/// still has the SHA-256 it had when it was written. The cache holds no
/// times, so the same inputs give the same cache file. External formats are
/// never cached: their program may change at any time.
struct RenderCache: Sendable {
    static let fileName = ".outreach-cache.json"

    struct Entry: Codable, Sendable, Equatable {
        var key: String
        var contents: String
    }

    private(set) var entries: [String: Entry] = [:]

    /// The cache in `folder`, or an empty one when there is none or it cannot be read.
    static func load(from folder: URL) -> RenderCache {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path),
              let entries = try? JSONDecoder().decode([String: Entry].self, from: data) else { return RenderCache() }
        return RenderCache(entries: entries)
    }

    /// The bytes on disk at `path`, when the entry for it has `key` and the file is as it was written.
    func contents(of path: String, key: String, in folder: URL) -> Data? {
        guard let entry = entries[path], entry.key == key,
              let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else { return nil }
        return Self.digest(data) == entry.contents ? data : nil
    }

    /// Records what `outputs` that have a key were made from and what they hold.
    mutating func record(_ outputs: [PlannedOutput]) {
        for output in outputs {
            entries[output.path] = output.cacheKey.map { Entry(key: $0, contents: output.digest ?? Self.digest(output.contents)) }
        }
    }

    /// The cache as stable JSON bytes.
    var data: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(entries)) ?? Data("{}".utf8)
    }

    /// The SHA-256 of a file's bytes.
    static func digest(_ data: Data) -> String { ContentDigest.hex(of: data) }
}
