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
    static let fileName = ".outreach-cache"
    private static let header = "outreach-cache 2"

    struct Entry: Sendable, Equatable {
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
    ///
    /// One line per output, sorted by path: `PATH⇥KEY⇥DIGEST⇥PAGE`, then `⇥` and a JSON list of
    /// the untranslated texts when there are any; the path escapes backslash, tab, line feed and
    /// carriage return with a backslash. Plain lines, not JSON: a tenth of JSONDecoder's time.
    static func load(from folder: URL) -> RenderCache {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path) else { return RenderCache() }
        var entries: [String: Entry] = [:]
        var sawHeader = false
        var damaged = false
        ByteLines.forEach(in: data) { line in
            guard sawHeader else {
                sawHeader = ByteLines.string(line) == header
                damaged = !sawHeader
                return sawHeader
            }
            let fields = ByteLines.fields(line, separator: UInt8(ascii: "\t"), limit: 5)
            guard fields.count >= 4, let path = unescape(fields[0]) else { damaged = true; return false }
            var untranslated: [String]?
            if fields.count == 5 {
                guard let texts = try? JSONDecoder().decode([String].self, from: Data(fields[4])) else { damaged = true; return false }
                untranslated = texts
            }
            let page = ByteLines.string(fields[3])
            entries[path] = Entry(key: ByteLines.string(fields[1]), contents: ByteLines.string(fields[2]),
                                  page: page.isEmpty ? nil : page, untranslated: untranslated)
            return true
        }
        return damaged ? RenderCache() : RenderCache(entries: entries)
    }

    /// What is on disk at `path` when the file is as the entry recorded it: its size, and its
    /// bytes when they had to be read (or `keepBytes` asks for them); nil when it is not.
    /// The file is trusted from its stamp in `state` when that matches, and read and digested otherwise.
    func onDisk(_ path: String, entry: Entry, state: OutputState?, in folder: URL, keepBytes: Bool)
        -> (size: Int, bytes: Data?, stamped: Bool)? {
        if !keepBytes, let size = state?.unchangedSize(of: path) { return (size, nil, true) }
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

    /// The cache as bytes, sorted by path, so that the same entries give the same file.
    var data: Data {
        var text = Self.header + "\n"
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
            text += Self.escape(path) + "\t" + entry.key + "\t" + entry.contents + "\t" + (entry.page ?? "")
            if let untranslated = entry.untranslated, let json = try? JSONEncoder().encode(untranslated) {
                text += "\t" + String(decoding: json, as: UTF8.self)
            }
            text += "\n"
        }
        return Data(text.utf8)
    }

    /// A path with `\\`, tab, line feed and carriage return escaped.
    static func escape(_ path: String) -> String {
        guard path.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return path }
        var escaped = ""
        for character in path {
            switch character {
            case "\\": escaped += "\\\\"
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// The path ``escape(_:)`` wrote; nil for a stray backslash.
    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.contains(UInt8(ascii: "\\")) else { return ByteLines.string(bytes) }
        var result: [UInt8] = []
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "\\") else { result.append(byte); continue }
            switch iterator.next() {
            case UInt8(ascii: "\\"): result.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "t"): result.append(UInt8(ascii: "\t"))
            case UInt8(ascii: "n"): result.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "r"): result.append(UInt8(ascii: "\r"))
            default: return nil
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The SHA-256 of a file's bytes.
    static func digest(_ data: Data) -> String { ContentDigest.hex(of: data) }
}
