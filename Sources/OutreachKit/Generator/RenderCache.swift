import Foundation

/// Remembers, in a hidden file in the output folder, what each output was made
/// from, so that a rerun with unchanged inputs skips rendering it.
///
/// An entry is trusted only when the key (a SHA-256 over a canonical encoding
/// of the document, the format's name and identity, its options and templates,
/// and the outreach binary's version and digest) matches, and the file on disk
/// still has the SHA-256 it had when it was written (or, cheaper, the same
/// stamp in ``OutputState``). The cache holds no times, so the same inputs give
/// the same cache file. External formats are never cached: their program may
/// change at any time.
///
/// An entry also records the output's page key: a SHA-256 over everything the
/// page is laid out from (the binary, the manifest's and every content file's
/// bytes, the templates, the date) and what names the page and its format. A
/// rerun whose page keys all match skips laying the page out.
struct RenderCache: Sendable {
    static let fileName = ".outreach-cache.json"

    struct Entry: Codable, Sendable, Equatable {
        var key: String
        var contents: String
        /// The page key the output was made under; nil when it was made without one.
        var page: String?
        /// The content texts its layout used with no translation into the page's locale, reported again
        /// when the page is not laid out; nil when there were none.
        var untranslated: [String]?
    }

    private(set) var entries: [String: Entry] = [:]

    /// The cache in `folder`, or an empty one when there is none or it cannot be read.
    static func load(from folder: URL) -> RenderCache {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path),
              let entries = try? JSONDecoder().decode([String: Entry].self, from: data) else { return RenderCache() }
        return RenderCache(entries: entries)
    }

    /// What is on disk at `path` when the file is as the entry recorded it: its size, and its
    /// bytes when they had to be read (or `keepBytes` asks for them); nil when it is not.
    /// The file is trusted from its stamp in `state` when that matches, and read and digested otherwise.
    func onDisk(_ path: String, entry: Entry, state: OutputState?, in folder: URL, keepBytes: Bool)
        -> (size: Int, bytes: Data?, stamped: Bool)? {
        if !keepBytes, let size = state?.unchangedSize(of: path, in: folder) { return (size, nil, true) }
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path),
              Self.digest(data) == entry.contents else { return nil }
        return (data.count, keepBytes ? data : nil, false)
    }

    /// Records what `outputs` that have a key were made from and what they hold.
    mutating func record(_ outputs: [PlannedOutput]) {
        for output in outputs {
            entries[output.path] = output.cacheKey.map {
                Entry(key: $0, contents: output.digest ?? Self.digest(output.contents), page: output.pageKey,
                      untranslated: output.untranslated.flatMap { $0.isEmpty ? nil : $0 })
            }
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
