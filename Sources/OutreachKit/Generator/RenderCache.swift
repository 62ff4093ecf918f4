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

    private(set) var entries: [String: Entry] = [:]
    /// The SHA-256 of the file the cache was loaded from; nil when there was none, or it was damaged.
    private(set) var fileDigest: Digest256?

    /// The cache in `folder`, or an empty one when there is none or it cannot be read.
    ///
    /// One line per output, sorted by path: `PATH⇥KEY⇥DIGEST⇥PAGE`, then `⇥` and a JSON list of
    /// the untranslated texts when there are any; the path escapes backslash, tab, line feed and
    /// carriage return with a backslash. Plain lines, not JSON: a tenth of JSONDecoder's time.
    static func load(from folder: URL) -> RenderCache {
        var entries: [String: Entry] = [:]
        var sawHeader = false
        var damaged = false
        let digest = ByteLines.forEach(inFileAt: folder.appendingPathComponent(fileName).path) { line in
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
            guard let key = Digest256(hex: fields[1]), let contents = Digest256(hex: fields[2]) else { damaged = true; return false }
            var page: Digest256?
            if !fields[3].isEmpty {
                guard let recorded = Digest256(hex: fields[3]) else { damaged = true; return false }
                page = recorded
            }
            entries[path] = Entry(key: key, contents: contents, page: page, untranslated: untranslated)
            return true
        }
        guard let digest, !damaged, sawHeader else { return RenderCache() }
        return RenderCache(entries: entries, fileDigest: digest)
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
    mutating func record<Outputs: Sequence<PlannedOutput>>(_ outputs: Outputs) {
        for output in outputs {
            entries[output.path] = output.cacheKey.map {
                Entry(key: $0, contents: output.digest ?? Self.digest(output.contents), page: output.pageKey,
                      untranslated: output.untranslated.flatMap { $0.isEmpty ? nil : $0 })
            }
        }
    }

    /// Writes the cache, sorted by path, so that the same entries give the same file.
    func write(to writer: inout BlockWriter) {
        writer.append(Self.header + "\n")
        for path in entries.keys.sorted() {
            guard let entry = entries[path] else { continue }
            writer.append(Self.escape(path))
            writer.append(UInt8(ascii: "\t"))
            writer.append(entry.key)
            writer.append(UInt8(ascii: "\t"))
            writer.append(entry.contents)
            writer.append(UInt8(ascii: "\t"))
            if let page = entry.page { writer.append(page) }
            if let untranslated = entry.untranslated, let json = try? JSONEncoder().encode(untranslated) {
                writer.append("\t" + String(decoding: json, as: UTF8.self))
            }
            writer.append(UInt8(ascii: "\n"))
        }
    }

    /// The cache file's bytes.
    var data: Data {
        var writer = BlockWriter()
        write(to: &writer)
        return writer.bytes()
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
