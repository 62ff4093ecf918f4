import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the last successful `generate` into a folder read and wrote, kept in
/// `.outreach-run`, as ninja keeps its log: a rerun whose inputs all match it,
/// and whose outputs are all on disk as they were written, is done without
/// reading the manifest's materials, the content or the cache.
///
/// **What a run's outputs depend on**, and so what the record keeps:
/// - a key over the outreach binary (``BinaryIdentity``), the compiled-in formats
///   and layouts, the manifest's bytes, path and name in messages, the working
///   folder, the output folder, the run's options (`--material`, `--format`,
///   `--shard`, `--strict`) and the environment the run reads (`SOURCE_DATE_EPOCH`,
///   `OUTREACH_FORMATS_PATH`, `XDG_CONFIG_HOME`, `HOME`, `PATH`);
/// - the digest of every folder the manifest points the run at (``InputTree``): the
///   content, the templates, each template format folder, the user's format folders
///   and the assets. Whole trees, names and bytes, taken before the run reads them.
///
/// **When a run keeps none**: a manifest that declares an external format (its program
/// may read anything), a material in a format that is never cached (external, PDF), an
/// output folder inside one of those folders (its outputs would be inputs), trees past
/// ``InputTree``'s limits, or anything it cannot read. A folder with no record, or whose
/// record does not match, is made the long way, which writes a new record.
///
/// **What it vouches for**: each output's inode, size, and modification and change
/// times as they were after the run renamed it, trusted (as ``OutputState`` trusts its
/// stamps) only when the change time is older than the record itself. A run that
/// changes any output removes the record before its first rename, so a run killed
/// midway leaves none. The warnings of the run are kept and printed again.
struct RunRecord {
    static let fileName = ".outreach-run"
    private static let header = "outreach-run 1"

    /// What a run that may keep a record knows before it reads the content.
    struct Draft: Sendable {
        /// The key over everything but the trees (``key(manifestDigest:manifest:displayPath:folder:display:filters:strict:environment:roots:registry:layouts:)``).
        var key: Digest256
        /// The folders read, absolute, and the digest of each.
        var roots: [(path: String, digest: Digest256)]
        /// The output folder as named in messages.
        var display: String
        /// The run's warnings, set when it has rendered everything.
        var warnings: [Diagnostic] = []
    }

    /// The environment variables a run's outputs can depend on.
    static let environmentNames = ["SOURCE_DATE_EPOCH", "OUTREACH_FORMATS_PATH", "XDG_CONFIG_HOME", "HOME", "PATH"]

    /// The key over everything a run depends on but the folders' contents.
    static func key(
        manifestDigest: String, manifest: URL, displayPath: String, folder: URL, display: String,
        filters: GenerateFilters, strict: Bool, environment: [String: String], roots: [String],
        registry: RendererRegistry, layouts: LayoutRegistry
    ) -> Digest256 {
        var key = ContentDigest()
        key.add(header)
        key.add(BinaryIdentity.current)
        for entry in registry.allEntries {
            key.add(entry.renderer.format.name)
            key.add(String(reflecting: type(of: entry.renderer)))
        }
        key.add(layouts.names.joined(separator: "\n"))
        key.add(manifestDigest)
        key.add(manifest.standardizedFileURL.path)
        key.add(displayPath)
        key.add(FileManager.default.currentDirectoryPath)
        key.add(folder.standardizedFileURL.path)
        key.add(display)
        key.add(tag: 0x6d, count: filters.materials.count)
        for material in filters.materials { key.add(material) }
        key.add(tag: 0x66, count: filters.formats.count)
        for format in filters.formats { key.add(format) }
        key.add(filters.shard.map { "\($0.index)/\($0.count)" })
        key.add(strict)
        for name in environmentNames {
            key.add(name)
            key.add(environment[name])
        }
        key.add(tag: 0x72, count: roots.count)
        for root in roots { key.add(root) }
        return key.value
    }

    /// The folders a run of `manifest` reads besides the manifest, absolute and standardized;
    /// nil when one of them holds the output folder or is the output folder.
    static func roots(of manifest: Manifest, userFormatFolders: [URL], outputFolder: URL) -> [String]? {
        var urls: [URL] = []
        if !manifest.content.isEmpty { urls.append(manifest.resolve(manifest.content)) }
        if let templates = manifest.templates { urls.append(manifest.resolve(templates)) }
        for declaration in manifest.formats { if let folder = declaration.folder { urls.append(manifest.resolve(folder)) } }
        urls += userFormatFolders
        if let assets = manifest.assets { urls.append(manifest.resolve(assets)) }
        let output = outputFolder.standardizedFileURL.resolvingSymlinksInPath().path
        var roots: [String] = []
        for url in urls {
            let path = url.standardizedFileURL.path
            let real = url.standardizedFileURL.resolvingSymlinksInPath().path
            if output == real || output.hasPrefix(real.hasSuffix("/") ? real : real + "/") { return nil }
            roots.append(path)
        }
        return roots
    }

    /// The output folder a manifest names, read from its bytes without parsing them: the value
    /// of a top-level `output:` line, plain or simply quoted. Only a place to look for a record:
    /// a record is used only when its key, which holds the output folder the full parse gave
    /// for the same bytes, matches. Nil when the line is not that simple.
    static func outputHint(in data: Data) -> String? {
        let key = Array("output:".utf8)
        var found: [UInt8]?
        var count = 0
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                if end - start >= key.count, bytes[start] == UInt8(ascii: "o"),
                   UnsafeBufferPointer(rebasing: bytes[start..<(start + key.count)]).elementsEqual(key) {
                    count += 1
                    found = Array(bytes[(start + key.count)..<end])
                }
                start = end + 1
            }
        }
        guard count == 1, let found else { return nil }
        var value = String(decoding: found, as: UTF8.self)
        if let comment = value.range(of: " #") { value = String(value[..<comment.lowerBound]) }
        value = value.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r"))
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            value = String(value.dropFirst().dropLast())
            if value.contains("\\") || value.contains(first) { return nil }
        } else if let first = value.first, "&*!|>{[%@`\"'#,?-:".contains(first) {
            return nil
        }
        return value.isEmpty ? nil : value
    }

    // MARK: The rerun

    /// A no-op rerun, answered from the record in the output folder: nil when there is none
    /// or anything differs, and the run must be made the long way.
    ///
    /// Takes the output folder's lock as a writing run does, and removes what a killed run
    /// left, so a rerun answered here leaves the folder as a long one would.
    static func rerun(
        manifest url: URL, displayPath: String, output: (url: URL, display: String)?, filters: GenerateFilters,
        strict: Bool, environment: [String: String], registry: RendererRegistry, layouts: LayoutRegistry,
        lockTimeout: Double
    ) throws(DiagnosticError) -> (plan: GenerationPlan, results: WriteResults)? {
        guard let (manifestDigest, hint) = digestAndOutputHint(of: url) else { return nil }
        let folder: URL
        if let output {
            folder = output.url
        } else {
            guard let hint else { return nil }
            folder = hint.hasPrefix("/") ? URL(fileURLWithPath: hint) : url.deletingLastPathComponent().appendingPathComponent(hint)
        }
        let root = folder.standardizedFileURL
        let path = root.appendingPathComponent(fileName).path
        guard let recordStamp = OutputState.Stamp.of(path) else { return nil }
        let written = recordStamp.modified
        var reader = Reader(path: path)
        guard let head = reader.head() else { return nil }
        let key = Self.key(manifestDigest: manifestDigest, manifest: url, displayPath: displayPath, folder: folder,
                           display: head.display, filters: filters, strict: strict, environment: environment,
                           roots: head.roots.map(\.path), registry: registry, layouts: layouts)
        guard key == head.key else { return nil }
        var tree = InputTree()
        for (rootPath, digest) in head.roots {
            guard tree.digest(of: rootPath) == digest else { return nil }
        }
        let lock = try OutputLock.acquire(in: root, display: head.display, shared: false, timeout: lockTimeout)
        defer { lock?.release() }
        // Another run may have held the folder while this one waited: the record must be the one checked.
        guard OutputState.Stamp.of(path) == recordStamp else { return nil }
        WriteSession.removeLeftovers(in: root)
        guard let outputs = reader.outputs(in: root.path, writtenBefore: written) else { return nil }
        var plan = GenerationPlan(outputFolder: folder, outputDisplayPath: head.display, outputs: [], warnings: head.warnings,
                                  usesRenderCache: true)
        plan.shard = filters.shard
        return (plan, WriteResults(outputs))
    }

    /// How many outputs' stamps a rerun reads before it compares them; tests make it small.
    @TaskLocal static var stampBlock = 16_384

    /// The digest of the manifest's bytes and the output folder its `output:` line names. The bytes
    /// are let go here, before the record's outputs are read: at 100,000 materials they were 14 MB
    /// of a no-op rerun's 79 MB.
    private static func digestAndOutputHint(of url: URL) -> (digest: String, hint: String?)? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return (ContentDigest.hex(of: data), outputHint(in: data))
    }

    /// Reads a record a line at a time, a block at a time: the head first, then the outputs.
    private struct Reader {
        let path: String
        /// How many lines the head takes, `outputs` included.
        private var headLines = 0

        init(path: String) { self.path = path }

        /// Everything before the outputs.
        mutating func head() -> (key: Digest256, display: String, warnings: [Diagnostic], roots: [(path: String, digest: Digest256)])? {
            var lines: [String] = []
            var ended = false
            _ = ByteLines.forEach(inFileAt: path, blockSize: 64 << 10) { line in
                let text = ByteLines.string(line)
                if text == "outputs" {
                    ended = true
                    return false
                }
                lines.append(text)
                return lines.count < 100_000
            }
            guard ended, lines.count >= 4, lines[0] == RunRecord.header,
                  lines[1].hasPrefix("key "), let key = Digest256(hex: String(lines[1].dropFirst(4))),
                  lines[2].hasPrefix("output "), let display = Self.unescape(lines[2].dropFirst(7)),
                  lines[3].hasPrefix("warnings "),
                  let warnings = try? JSONDecoder().decode([Diagnostic].self, from: Data(lines[3].dropFirst(9).utf8))
            else { return nil }
            var roots: [(String, Digest256)] = []
            for line in lines.dropFirst(4) {
                let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
                guard fields.count == 3, fields[0] == "root", let digest = Digest256(hex: String(fields[1])),
                      let path = Self.unescape(fields[2]) else { return nil }
                roots.append((path, digest))
            }
            headLines = lines.count + 1
            return (key, display, warnings, roots)
        }

        /// The outputs, each checked against the disk; nil when one is not as the record says.
        func outputs(in root: String, writtenBefore written: Int64) -> StagedOutputs? {
            var outputs = StagedOutputs()
            // The stamps of one block of outputs at a time: compared, then let go. All of them were
            // 9.6 MB at 300,000 outputs, a third of what a rerun held.
            let block = max(1, RunRecord.stampBlock)
            var stamps: [OutputState.Stamp] = []
            let count = max(0, ByteLines.lineFeeds(inFileAt: path) - headLines)
            outputs.reserve(unchanged: count)
            stamps.reserveCapacity(min(count, block))
            let prefix = Array(root.utf8) + [UInt8(ascii: "/")]
            var skip = headLines
            var strings = LastStrings()
            var whole = true
            let read = ByteLines.forEach(inFileAt: path) { line in
                if skip > 0 {
                    skip -= 1
                    return true
                }
                let fields = ByteLines.fields(line, separator: UInt8(ascii: "\t"), limit: 8)
                guard fields.count == 8, let inode = Self.number(fields[0], as: UInt64.self), let size = Self.number(fields[1]),
                      let modified = Self.number(fields[2]), let changed = Self.number(fields[3]), changed < written,
                      let format = strings.format(fields[4]), let material = strings.material(fields[5]),
                      let locale = strings.locale(fields[6]), let path = RenderCache.unescapedBytes(fields[7]), !path.isEmpty
                else {
                    whole = false
                    return false
                }
                stamps.append(OutputState.Stamp(inode: inode, size: size, modified: modified, changed: changed))
                // A record of more than 4 GiB of paths is not one this program wrote: the run goes the long way.
                guard path.withUnsafeBufferPointer({
                    outputs.appendUnchanged(path: $0, format: format, material: material, locale: locale.isEmpty ? nil : locale, size: Int(size))
                }) else {
                    whole = false
                    return false
                }
                if stamps.count == block {
                    whole = Self.stampsMatch(outputs, stamps, root: prefix)
                    stamps.removeAll(keepingCapacity: true)
                }
                return whole
            }
            guard read != nil, whole, skip == 0, Self.stampsMatch(outputs, stamps, root: prefix) else { return nil }
            return outputs
        }

        /// Whether the last `stamps.count` of `outputs` have those stamps on disk under `root` (a
        /// path ending in `/`), compared on every core: at 300,000 outputs, `lstat` is most of a rerun.
        private static func stampsMatch(_ outputs: StagedOutputs, _ stamps: [OutputState.Stamp], root prefix: [UInt8]) -> Bool {
            let chunk = 4096, first = outputs.records.count - stamps.count
            let mismatch = ParallelResults<Bool>(count: 1)
            parallelForEach((stamps.count + chunk - 1) / chunk, workers: ProcessInfo.processInfo.activeProcessorCount) { part in
                var buffer = prefix
                for index in (part * chunk)..<min(stamps.count, (part + 1) * chunk) {
                    buffer.removeSubrange(prefix.count...)
                    outputs.appendPath(of: first + index, to: &buffer)
                    buffer.append(0)
                    let same = buffer.withUnsafeBufferPointer { bytes in
                        bytes.withMemoryRebound(to: CChar.self) { OutputState.Stamp.of(cPath: $0.baseAddress!) == stamps[index] }
                    }
                    if !same {
                        mismatch[0] = true
                        return
                    }
                }
            }
            return mismatch[0] != true
        }

        /// A decimal number (a short string: no allocation).
        private static func number<Number: FixedWidthInteger>(_ bytes: UnsafeBufferPointer<UInt8>, as: Number.Type = Int64.self) -> Number? {
            Number(ByteLines.string(bytes))
        }

        private static func unescape(_ text: Substring) -> String? {
            var text = text
            return text.withUTF8 { RenderCache.unescape($0) }
        }

        /// Each field's last value, kept as a string: neighbouring lines mostly repeat them.
        private struct LastStrings {
            private var last: [([UInt8], String)] = Array(repeating: ([], ""), count: 3)

            mutating func format(_ bytes: UnsafeBufferPointer<UInt8>) -> String? { value(0, bytes) }
            mutating func material(_ bytes: UnsafeBufferPointer<UInt8>) -> String? { value(1, bytes) }
            mutating func locale(_ bytes: UnsafeBufferPointer<UInt8>) -> String? { value(2, bytes) }

            private mutating func value(_ field: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> String? {
                if last[field].0.elementsEqual(bytes), !last[field].0.isEmpty || bytes.isEmpty { return last[field].1 }
                guard let text = RenderCache.unescape(bytes) else { return nil }
                last[field] = (Array(bytes), text)
                return text
            }
        }
    }

    /// Writes the record of a run whose outputs (sorted by path) were just written into `root`,
    /// through `staged` (a path in the staging area); an identical record already there is kept,
    /// unless it is not newer than every output, so that the next run can trust their stamps.
    /// With `progress`, each output is stamped once the commit has put it in place, and the record
    /// is put in place only if every rename was made. Returns false when it could not: then no record is left.
    @discardableResult
    static func write(_ draft: Draft, outputs: StagedOutputs, root: String, staged: String, after progress: RenameProgress? = nil) -> Bool {
        let target = root + "/" + fileName
        unlink(staged)
        var latestChange = Int64.min
        let digest: Digest256
        do {
            var writer = try BlockWriter(newFileAt: staged)
            writer.append(header + "\n")
            writer.append("key ")
            writer.append(draft.key)
            writer.append("\noutput " + RenderCache.escape(draft.display) + "\n")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            writer.append("warnings ")
            writer.append(String(decoding: try encoder.encode(draft.warnings), as: UTF8.self))
            writer.append("\n")
            for (path, digest) in draft.roots {
                writer.append("root\t")
                writer.append(digest)
                writer.append("\t" + RenderCache.escape(path) + "\n")
            }
            writer.append("outputs\n")
            var follower = progress.map(RenameProgress.Follower.init)
            for (index, record) in outputs.records.enumerated() {
                guard follower?.wait(for: index) ?? true else { throw CancellationError() }
                let path = outputs.path(record), names = outputs.names(record)
                guard let stamp = OutputState.Stamp.of(root + "/" + path) else { throw POSIXError(ENOENT) }
                latestChange = max(latestChange, stamp.changed)
                stamp.append(to: &writer, separator: UInt8(ascii: "\t"))
                writer.append(RenderCache.escape(names.format), then: UInt8(ascii: "\t"))
                writer.append(RenderCache.escape(names.material), then: UInt8(ascii: "\t"))
                writer.append(RenderCache.escape(names.locale ?? ""), then: UInt8(ascii: "\t"))
                writer.append(RenderCache.escape(path), then: UInt8(ascii: "\n"))
            }
            digest = try writer.finish()
            guard progress?.succeeded() ?? true else { throw CancellationError() }
        } catch {
            unlink(staged)
            unlink(target)
            return false
        }
        if let old = OutputState.Stamp.of(target), old.modified > latestChange,
           let bytes = FileManager.default.contents(atPath: target), ContentDigest.value(of: bytes) == digest {
            unlink(staged)
            return true
        }
        // Written right behind the renames, it can fall in the clock tick of the last: then it would vouch for nothing.
        OutputState.makeNewer(staged, than: latestChange)
        guard rename(staged, target) == 0 else {
            unlink(staged)
            unlink(target)
            return false
        }
        return true
    }
}
