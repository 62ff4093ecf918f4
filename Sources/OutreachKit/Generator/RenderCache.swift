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
        var key: Digest256
        var contents: Digest256
        /// The page key the output was made under; nil when it was made without one.
        var page: Digest256?
        /// The content texts its layout used with no translation into the page's locale, reported again
        /// when the page is not laid out; nil when there were none.
        var untranslated: [String]?
    }

    /// The entries by path, as a run looks them up.
    private(set) var entries = PathTable<Entry>()

    /// The cache in `folder`, or an empty one when there is none or it cannot be read.
    ///
    /// One line per output, sorted by path: `PATH⇥KEY⇥DIGEST⇥PAGE`, then `⇥` and a JSON list of
    /// the untranslated texts when there are any; the path escapes backslash, tab, line feed and
    /// carriage return with a backslash. Plain lines, not JSON: a tenth of JSONDecoder's time.
    /// Read a block at a time, and kept without the paths (``PathTable``).
    static func load(from folder: URL) -> RenderCache {
        var cache = RenderCache()
        var sawHeader = false
        let path = folder.appendingPathComponent(fileName).path
        cache.entries.reserve(ByteLines.lineFeeds(inFileAt: path))
        let digest = ByteLines.forEach(inFileAt: path) { line in
            guard sawHeader else {
                sawHeader = ByteLines.string(line) == header
                return sawHeader
            }
            let fields = ByteLines.fields(line, separator: UInt8(ascii: "\t"), limit: 5)
            guard let entry = entry(fields) else { return false }
            // A path with no escapes is hashed as it is; only an escaped one is made into a string.
            if !fields[0].contains(UInt8(ascii: "\\")) {
                cache.entries.append(path: fields[0], entry)
            } else {
                guard var path = unescape(fields[0]) else { return false }
                path.withUTF8 { cache.entries.append(path: $0, entry) }
            }
            return true
        }
        guard digest != nil, sawHeader else { return RenderCache() }
        cache.entries.finish()
        return cache
    }

    /// The entry of a line's fields; nil when they are damaged.
    private static func entry(_ fields: [UnsafeBufferPointer<UInt8>]) -> Entry? {
        guard fields.count >= 4, let key = Digest256(hex: fields[1]), let contents = Digest256(hex: fields[2]) else { return nil }
        var page: Digest256?
        if !fields[3].isEmpty {
            guard let recorded = Digest256(hex: fields[3]) else { return nil }
            page = recorded
        }
        var untranslated: [String]?
        if fields.count == 5 {
            guard let texts = try? JSONDecoder().decode([String].self, from: Data(fields[4])) else { return nil }
            untranslated = texts
        }
        return Entry(key: key, contents: contents, page: page, untranslated: untranslated)
    }

    /// The path of a line whose entry is whole; nil when the line is damaged.
    private static func path(ofLine line: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let fields = ByteLines.fields(line, separator: UInt8(ascii: "\t"), limit: 5)
        guard entry(fields) != nil else { return nil }
        return unescapedBytes(fields[0])
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

    /// What a run records in the cache for one output path.
    enum Update {
        /// The old line stands: the cache vouched for the output, under the same key.
        case keep
        /// The path has no line: the output has no key.
        case remove
        /// This line (``line(for:)``) replaces the old one.
        case line([UInt8])
    }

    /// Writes the cache that results from recording `updates` (sorted by path bytes, each path once)
    /// over the cache file at `old`; the lines of other paths are kept. A damaged old file, or one out
    /// of order, gives `.damaged`: then start again without it, since none of it may be kept.
    static func write<Updates: Sequence>(_ updates: Updates, over old: String?, to writer: inout BlockWriter)
        -> SortedLineMerge.Outcome where Updates.Element == (path: [UInt8], value: Update) {
        SortedLineMerge.merge(updates, header: header, over: old, policy: .strict, to: &writer,
                              path: path(ofLine:)) { update, oldLine, writer in
            switch update {
            case .keep:
                if let oldLine {
                    writer.append(oldLine)
                    writer.append(UInt8(ascii: "\n"))
                }
            case .remove: break
            case .line(let bytes): bytes.withUnsafeBufferPointer { writer.append($0) }
            }
        }
    }

    /// The line, with its line feed, that records an output with a key; nil for one without.
    static func line(for output: PlannedOutput) -> [UInt8]? {
        guard let key = output.cacheKey else { return nil }
        var line: [UInt8] = []
        line.reserveCapacity(output.path.utf8.count + 200)
        line += escape(output.path).utf8
        line.append(UInt8(ascii: "\t"))
        key.appendHex(to: &line)
        line.append(UInt8(ascii: "\t"))
        (output.digest ?? digest(output.contents)).appendHex(to: &line)
        line.append(UInt8(ascii: "\t"))
        output.pageKey?.appendHex(to: &line)
        if let untranslated = output.untranslated, !untranslated.isEmpty, let json = try? JSONEncoder().encode(untranslated) {
            line.append(UInt8(ascii: "\t"))
            line += json
        }
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// A path with `\\`, tab, line feed and carriage return escaped.
    static func escape(_ path: String) -> String {
        // By bytes, not characters: a "\r\n" is one `Character`, equal to neither "\r" nor "\n",
        // and was written as it was, a line break inside a line.
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == 0x0A || $0 == 0x0D }
        guard path.utf8.contains(where: special) else { return path }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(path.utf8.count + 8)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\t"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x0A: escaped += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: escaped += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// The path ``escape(_:)`` wrote; nil for a stray backslash.
    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.contains(UInt8(ascii: "\\")) else { return ByteLines.string(bytes) }
        return unescapedBytes(bytes).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes of the path ``escape(_:)`` wrote; nil for a stray backslash.
    static func unescapedBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard bytes.contains(UInt8(ascii: "\\")) else { return Array(bytes) }
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
        return result
    }

    /// The SHA-256 of a file's bytes.
    static func digest(_ data: Data) -> Digest256 { ContentDigest.value(of: data) }
}
