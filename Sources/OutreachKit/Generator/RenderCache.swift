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

    /// One line of the file: its path and entry; nil when it is damaged.
    private static func parse(_ line: UnsafeBufferPointer<UInt8>) -> (String, Entry)? {
        let fields = ByteLines.fields(line, separator: UInt8(ascii: "\t"), limit: 5)
        guard let entry = entry(fields), let path = unescape(fields[0]) else { return nil }
        return (path, entry)
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

    /// Writes the cache that results from recording `outputs` over the cache file at `old`:
    /// an output with a key replaces its path's line, one without removes it, and the lines of
    /// other paths are kept. `outputs` must be sorted by path, each path once.
    ///
    /// The old file is read a block at a time beside the outputs, so neither cache is ever held
    /// whole. Returns the SHA-256 of the old file (nil when there was none), or `.damaged` when
    /// the old file is damaged or out of order: then start again without it, since none of it may be kept.
    static func write<Outputs: Collection<PlannedOutput>>(
        recording outputs: Outputs, over old: String?, to writer: inout BlockWriter
    ) -> Merged {
        writer.append(header + "\n")
        var next = outputs.startIndex
        var previous: String?
        var sawHeader = false
        var damaged = false
        var digest: Digest256?
        if let old, FileManager.default.fileExists(atPath: old) {
            digest = ByteLines.forEach(inFileAt: old) { line in
                guard sawHeader else {
                    sawHeader = ByteLines.string(line) == header
                    damaged = !sawHeader
                    return sawHeader
                }
                guard let (path, _) = parse(line), previous.map({ $0 < path }) ?? true else {
                    damaged = true
                    return false
                }
                previous = path
                while next != outputs.endIndex, outputs[next].path < path {
                    append(outputs[next], to: &writer)
                    outputs.formIndex(after: &next)
                }
                if next != outputs.endIndex, outputs[next].path == path {
                    append(outputs[next], to: &writer)
                    outputs.formIndex(after: &next)
                } else {
                    writer.append(line)
                    writer.append(UInt8(ascii: "\n"))
                }
                return true
            }
            if digest == nil || !sawHeader { damaged = true }
        }
        if damaged { return .damaged }
        while next != outputs.endIndex {
            append(outputs[next], to: &writer)
            outputs.formIndex(after: &next)
        }
        return .merged(oldDigest: digest)
    }

    /// What ``write(recording:over:to:)`` made of the old file.
    enum Merged: Equatable {
        /// Its lines were kept; it had this SHA-256 (nil: there was no old file).
        case merged(oldDigest: Digest256?)
        /// It was damaged or out of order, and nothing written may be used.
        case damaged
    }

    /// The line of an output with a key; nothing for one without.
    private static func append(_ output: PlannedOutput, to writer: inout BlockWriter) {
        guard let key = output.cacheKey else { return }
        writer.append(escape(output.path))
        writer.append(UInt8(ascii: "\t"))
        writer.append(key)
        writer.append(UInt8(ascii: "\t"))
        writer.append(output.digest ?? digest(output.contents))
        writer.append(UInt8(ascii: "\t"))
        if let page = output.pageKey { writer.append(page) }
        if let untranslated = output.untranslated, !untranslated.isEmpty, let json = try? JSONEncoder().encode(untranslated) {
            writer.append("\t" + String(decoding: json, as: UTF8.self))
        }
        writer.append(UInt8(ascii: "\n"))
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
    static func digest(_ data: Data) -> Digest256 { ContentDigest.value(of: data) }
}
