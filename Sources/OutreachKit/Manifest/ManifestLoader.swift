import Foundation
internal import Yams

/// Reads `outreach.yml`, reporting every problem with its location.
package struct ManifestLoader: Sendable {
    static let keys = [
        "version", "content", "output", "templates", "date", "outputPattern", "defaults", "formats", "materials",
        "assets", "locales", "fallback",
    ]
    static let formatKeys = ["folder", "name", "command", "timeout", "options"]
    static let optionKeys = ["locale", "paper", "textWidth", "asciiOnly", "print", "qrCodes"]
    static let materialKeys = [
        "id", "layout", "title", "audience", "formats", "agencies", "agencyKinds", "messages", "topics",
        "each", "output", "options", "locales", "partners",
    ]

    /// Creates a loader.
    package init() {}

    /// Loads the manifest at `url`, named `displayPath` in diagnostics; throws every problem found.
    package func load(_ url: URL, displayPath: String) throws(DiagnosticError) -> Manifest {
        let sink = DiagnosticSink()
        let manifest = load(url, displayPath: displayPath, sink: sink)
        guard let manifest, !sink.hasErrors else { throw DiagnosticError(sink.diagnostics) }
        return manifest
    }

    /// Loads what it can of the manifest, reporting problems to `sink`, so later
    /// checks can report theirs too; `nil` when nothing usable was read.
    func load(_ url: URL, displayPath: String, sink: DiagnosticSink) -> Manifest? {
        // Read as it is parsed when it is plain text in a regular file that stays as it is; read whole otherwise.
        if let feed = ManifestFeed(path: url.path),
           case .some(var manifest) = parse(.feed(feed), file: displayPath, base: url.deletingLastPathComponent(), sink: sink,
                                            rereader: MaterialRereader(path: url.path, file: displayPath, stamp: feed.stamp)) {
            manifest?.sourceDigest = feed.hex
            return manifest
        }
        guard let (text, digest, rereader) = Self.read(url, displayPath: displayPath, sink: sink) else { return nil }
        var manifest = parse(text, file: displayPath, base: url.deletingLastPathComponent(), sink: sink, rereader: rereader)
        manifest?.sourceDigest = digest
        return manifest
    }

    /// The manifest's text and the digest of its bytes. The bytes are let go here, so a large
    /// manifest is not held twice (bytes and text) while it is parsed.
    ///
    /// With them comes what reads a material's key locations again from the file, when the text
    /// is the file's bytes as they are (no line ending or byte-order mark changed), so an offset
    /// in one is an offset in the other, and the file did not change while it was read.
    private static func read(_ url: URL, displayPath: String, sink: DiagnosticSink)
        -> (text: String, digest: String, rereader: MaterialRereader?)? {
        let before = OutputState.Stamp.of(url.path)
        guard let data = try? Data(contentsOf: url) else {
            sink.error(.manifestUnreadable, "cannot read manifest \(quoted(displayPath))", at: SourceLocation(file: displayPath),
                       hint: "pass the path of an outreach.yml")
            return nil
        }
        if let text = InputText.plainText(data) {
            let stamp = OutputState.Stamp.of(url.path)
            let rereader = stamp != nil && stamp == before ? MaterialRereader(path: url.path, file: displayPath, stamp: stamp!) : nil
            return (text, ContentDigest.hex(of: data), rereader)
        }
        switch InputText.decodeScalars(data, file: displayPath) {
        case .success(let text): return (text, ContentDigest.hex(of: data), nil)
        case .failure(let problem):
            sink.report(problem)
            return nil
        }
    }

    /// Parses a manifest's text. The text is consumed: it is let go once the YAML is read,
    /// before the materials are gathered.
    ///
    /// With `rereader`, a material whose place in the file is known keeps only that place, and its
    /// keys' locations are read again from the file when a diagnostic asks for one (``KeyLocations``).
    func parse(_ text: consuming String, file: String, base: URL, sink: DiagnosticSink, rereader: MaterialRereader? = nil) -> Manifest? {
        parse(.text(text), file: file, base: base, sink: sink, rereader: rereader) ?? nil
    }

    /// What a manifest is parsed from: its text, or the file read as it is parsed.
    private enum Input {
        case text(String)
        case feed(ManifestFeed)
    }

    /// ``parse(_:file:base:sink:rereader:)`` of a text or a file; `.none` (outer) when the file's text
    /// must be read whole instead (``ManifestFeed``), with nothing reported.
    private func parse(_ input: consuming Input, file: String, base: URL, sink: DiagnosticSink, rereader: MaterialRereader?) -> Manifest?? {
        // The materials are read as the manifest is parsed, on every core in chunks, each chunk with a
        // sink of its own; their diagnostics are reported below in order, so they are those of reading in order.
        let pipeline = ChunkPipeline<(YAMLValue, Int?), ([MaterialSpec], [Diagnostic])>(
            chunkSize: 256, workers: ProcessInfo.processInfo.activeProcessorCount
        ) { items in
            let own = DiagnosticSink()
            var lists = ListMemo()
            // Shared in the chunk as it is read, then across chunks as they are gathered.
            var selections = MaterialSpec.Selections()
            return (items.compactMap { item, offset in
                guard var material = material(item.reporting(to: own), sink: own, lists: &lists) else { return nil }
                material.share(&selections)
                if let rereader, let offset, let start = material.locations["material"] {
                    material.locations = KeyLocations(deferredTo: MaterialRereader.Place(rereader: rereader, offset: offset, start: start))
                }
                return material
            }, own.diagnostics)
        }
        let document: YAMLValue?, diverted: Bool
        switch input {
        case .text(let text):
            (document, diverted) = YAMLValue.parse(text, file: file, emptyMessage: "the manifest is empty", sink: sink,
                                                   divertingItemsOf: "materials", to: pipeline.add)
        case .feed(let feed):
            guard let value = YAMLValue.parse(reading: feed, file: file, sink: sink, divertingItemsOf: "materials", to: pipeline.add) else {
                _ = pipeline.finish()
                return .none
            }
            (document, diverted) = (value, true)
        }
        _ = consume input
        var streamed = pipeline.finish()
        guard let root = document?.mapping(file, allowed: Self.keys) else { return .some(nil) }

        var locations: KeyLocations = [:]
        for entry in root.entries { locations[entry.key] = entry.value.at }

        if let version = root.int("version"), version != 1, let value = root["version"] {
            sink.error(.unsupportedVersion, "unsupported manifest version \(version)", at: value.at, hint: "supported versions: 1")
        } else if root["version"] == nil {
            sink.error(.missingKey, "missing required key 'version' in \(file)", at: root.at, hint: "add 'version: 1'")
        }
        let content = root.string("content", required: true)
        let output = root.string("output", required: true)
        var date = root.string("date")
        if let text = date, let value = root["date"], !isISODate(text) {
            sink.error(.malformedDate, "malformed or impossible date \(quoted(text))", at: value.at, hint: "write a real day as YYYY-MM-DD")
            date = nil
        }
        let defaults = root["defaults"].flatMap { readOptions($0, what: "'defaults'", sink: sink) } ?? MaterialOptions()
        let materials = root.required("materials")?.list("'materials'").map { items -> [MaterialSpec] in
            guard diverted else { return self.materials(items, sink: sink) }
            var materials: [MaterialSpec] = []
            materials.reserveCapacity(streamed.reduce(0) { $0 + $1.0.count })
            // Each chunk is let go once copied, so the materials are not all held twice; what the chunks
            // took is handed back every few thousand materials, or the copy and the chunks were both resident
            // (11 MB of materials at 100,000: without it the gathering rose 12 MiB, to the run's peak).
            var selections = MaterialSpec.Selections()
            for index in streamed.indices {
                for diagnostic in streamed[index].1 { sink.report(diagnostic) }
                Self.gather(streamed[index].0, into: &materials, sharing: &selections)
                streamed[index] = ([], [])
                if index % 16 == 15 { FreedMemory.giveBack() }
            }
            return materials
        } ?? []
        streamed = []
        if let list = root["materials"], materials.isEmpty, !sink.hasErrors {
            sink.error(.emptyValue, "'materials' is empty; nothing to make", at: list.at)
        }
        reportDuplicateIDs(materials, sink: sink)
        let formats = root["formats"]?.list("'formats'")?.compactMap { formatDeclaration($0, sink: sink) } ?? []
        let locales = localeList(root, locations: &locations)
        // A missing 'content' or 'output' is already reported; the rest is still checked.
        return Manifest(
            file: file, baseFolder: base, version: 1, content: content ?? "", output: output ?? "",
            templates: root.string("templates"), date: date, outputPattern: root.string("outputPattern"),
            defaults: defaults, materials: materials, formats: formats, locales: locales,
            fallback: root.string("fallback"), locations: locations, assets: root.string("assets")
        )
    }

    /// The `locales` list of a manifest or material, each item's location recorded as `locales.N`.
    private func localeList(_ map: YAMLMapping, locations: inout KeyLocations) -> [String] {
        guard map["locales"] != nil else { return [] }
        let items = map.strings("locales")
        for (index, item) in items.enumerated() { locations.setItem(index, of: "locales", to: item.1) }
        if items.isEmpty, let at = map["locales"]?.at { map.sink.error(.emptyValue, "'locales' is empty", at: at) }
        return items.map(\.0)
    }

    /// A title: one string, or a mapping of locale to string.
    private func titles(_ map: YAMLMapping) -> (title: String?, titles: [String: String]) {
        guard let value = map["title"] else { return (nil, [:]) }
        guard case .mapping(let mapping) = value.node else { return (value.string("'title'"), [:]) }
        var titles: [String: String] = [:]
        for (key, text) in mapping {
            if let locale = key.scalar?.string, let text = text.scalar?.string { titles[locale] = text } else {
                map.sink.error(.wrongType, "'title' must map locale codes to text", at: value.at)
            }
        }
        return (nil, titles)
    }

    private func readOptions(_ value: YAMLValue, what: String, sink: DiagnosticSink) -> MaterialOptions? {
        guard let map = value.mapping(what, allowed: Self.optionKeys) else { return nil }
        let width = map.int("textWidth")
        if let width, !(20...200).contains(width), let at = map["textWidth"]?.at {
            sink.error(.textWidthOutOfRange, "textWidth \(width) is out of range", at: at, hint: "use a width from 20 to 200")
        }
        return MaterialOptions(
            locale: map.string("locale"), paper: map.choice("paper", Paper.self),
            textWidth: width, asciiOnly: map.bool("asciiOnly"),
            print: map.choice("print", PrintSize.self), qrCodes: map.bool("qrCodes")
        )
    }

    private func formatDeclaration(_ value: YAMLValue, sink: DiagnosticSink) -> FormatDeclaration? {
        guard let map = value.mapping("an entry of 'formats'", allowed: Self.formatKeys) else { return nil }
        let folder = map.string("folder")
        let name = map.string("name")
        if folder == nil && name == nil {
            sink.error(.formatEntryEmpty, "an entry of 'formats' needs 'folder' (template formats) or 'name' (a format)", at: map.at,
                       hint: "such as '- folder: formats' or '- name: social-posts' with 'command: [python3, plugins/social_posts.py]'")
            return nil
        }
        if folder != nil && (name != nil || map["command"] != nil), let at = map["folder"]?.at {
            sink.error(.formatEntryAmbiguous, "an entry of 'formats' names either a 'folder' or a format, not both", at: at)
        }
        if let name, !Identifier.isValid(name), let at = map["name"]?.at {
            sink.error(.invalidID, "format name \(quoted(name)) must use only \(Identifier.rule)", at: at)
        }
        var command: [String]?
        if let value = map["command"] {
            command = map.strings("command").map(\.0)
            if command?.isEmpty == true { sink.error(.emptyCommand, "'command' must name a program", at: value.at) }
        }
        var timeout: Double?
        if let value = map["timeout"], let text = value.string("'timeout'") {
            if let seconds = Double(text), seconds > 0, seconds <= 3600 { timeout = seconds } else {
                sink.error(.invalidTimeout, "timeout \(quoted(text)) must be a number of seconds from 0 to 3600", at: value.at)
            }
        }
        var options: [String: JSONValue] = [:]
        if let value = map["options"] {
            if case .object(let object) = value.json { options = object } else {
                sink.error(.wrongType, "'options' must be a mapping of keys to values", at: value.at)
            }
        }
        return FormatDeclaration(folder: folder, name: name, command: command, timeout: timeout, options: options, location: map.at)
    }

    /// The materials of `items`, read on every core in chunks, each chunk with a sink of its own;
    /// the chunks' diagnostics are then reported in order, so they are those of reading in order.
    private func materials(_ items: [YAMLValue], sink: DiagnosticSink) -> [MaterialSpec] {
        let chunkSize = 256
        guard items.count > chunkSize else {
            var lists = ListMemo()
            var selections = MaterialSpec.Selections()
            var materials: [MaterialSpec] = []
            Self.gather(items.compactMap { material($0, sink: sink, lists: &lists) }, into: &materials, sharing: &selections)
            return materials
        }
        let chunks = (items.count + chunkSize - 1) / chunkSize
        let results = ParallelResults<([MaterialSpec], [Diagnostic])>(count: chunks)
        let shared = UncheckedSendable(items)
        parallelForEach(chunks, workers: ProcessInfo.processInfo.activeProcessorCount) { chunk in
            let own = DiagnosticSink()
            let range = chunk * chunkSize..<min(shared.value.count, (chunk + 1) * chunkSize)
            var lists = ListMemo()
            var selections = MaterialSpec.Selections()
            var read: [MaterialSpec] = []
            Self.gather(shared.value[range].compactMap { material($0.reporting(to: own), sink: own, lists: &lists) },
                        into: &read, sharing: &selections)
            results[chunk] = (read, own.diagnostics)
        }
        var materials: [MaterialSpec] = []
        materials.reserveCapacity(items.count)
        var selections = MaterialSpec.Selections()
        for case let (read, diagnostics)? in results.values {
            for diagnostic in diagnostics { sink.report(diagnostic) }
            Self.gather(read, into: &materials, sharing: &selections)
        }
        return materials
    }

    /// Appends `read` to `materials`, each material taking the box of an earlier one that selects the same.
    private static func gather(_ read: [MaterialSpec], into materials: inout [MaterialSpec], sharing selections: inout MaterialSpec.Selections) {
        for var material in read {
            material.share(&selections)
            materials.append(material)
        }
    }

    /// Lists of ids that materials repeat (`formats: [markdown, text, html]`), one array for each.
    struct ListMemo {
        private var known: [[String]: [String]] = [:]

        mutating func shared(_ list: [String]) -> [String] {
            if let found = known[list] { return found }
            if known.count < 4096 { known[list] = list }
            return list
        }
    }

    func material(_ value: YAMLValue, sink: DiagnosticSink, lists: inout ListMemo) -> MaterialSpec? {
        guard let map = value.mapping("a material", allowed: Self.materialKeys) else { return nil }
        var locations: KeyLocations = ["material": map.at]
        for index in map.entries.indices { locations[map.entries[index].key] = map.entries[index].value.at }
        func list(_ key: String) -> [String] {
            let items = map.strings(key)
            for (index, item) in items.enumerated() { locations.setItem(index, of: key, to: item.1) }
            return lists.shared(items.map(\.0))
        }
        let id = map.string("id", required: true)
        if let id, !Identifier.isValid(id), let at = map["id"]?.at {
            sink.error(.invalidID, "material id \(quoted(id)) must use only \(Identifier.rule)", at: at)
        }
        let layout = map.string("layout", required: true)
        let formats = list("formats")
        if map["formats"] == nil {
            sink.error(.missingKey, "missing required key 'formats' in a material", at: map.at, hint: "list one or more, such as 'formats: [html]'")
        } else if formats.isEmpty, let at = map["formats"]?.at {
            sink.error(.emptyValue, "'formats' is empty", at: at)
        }
        var kinds: [Agency.Kind] = []
        for (index, kind) in list("agencyKinds").enumerated() {
            if let value = Agency.Kind(rawValue: kind) { kinds.append(value) } else {
                sink.error(.unknownChoice, "unknown agency kind \(quoted(kind))", at: locations["agencyKinds.\(index)"],
                           hint: "valid choices: \(quotedList(Agency.Kind.allCases.map(\.rawValue)))")
            }
        }
        let options = map["options"].flatMap { readOptions($0, what: "'options'", sink: sink) } ?? MaterialOptions()
        guard let id, let layout else { return nil }
        let (title, titles) = self.titles(map)
        let locales = localeList(map, locations: &locations)
        var material = MaterialSpec(
            id: id, layout: layout, title: title, titles: titles, audience: map.string("audience"), formats: formats,
            agencies: list("agencies"), agencyKinds: kinds, messages: list("messages"), topics: list("topics"),
            each: map.choice("each", MaterialSpec.Each.self), output: map.string("output"), options: options,
            locales: locales, locations: locations, partners: list("partners")
        )
        locations.compact()
        material.locations = locations
        return material
    }

    /// Reports every material whose id an earlier one has, in manifest order, naming where the first was defined.
    ///
    /// Found by sorting the materials' indices by id (8 bytes a material), not with a dictionary of
    /// ids and locations, which at 100,000 materials was the largest thing a run held while it read the manifest.
    private func reportDuplicateIDs(_ materials: [MaterialSpec], sink: DiagnosticSink) {
        let order = materials.indices.sorted { materials[$0].id == materials[$1].id ? $0 < $1 : materials[$0].id < materials[$1].id }
        // Each later material with an id, and the first material with it that has a location.
        var repeats: [(index: Int, first: Int)] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, materials[order[end]].id == materials[order[start]].id { end += 1 }
            var first: Int?
            // Only a repeated id asks where it was written: reading that can mean reading the material again.
            for position in start..<end where end - start > 1 {
                let index = order[position]
                if let first { repeats.append((index, first)) } else if materials[index].locations["id"] != nil { first = index }
            }
            start = end
        }
        for (index, first) in repeats.sorted(by: { $0.index < $1.index }) {
            let material = materials[index], at = materials[first].locations["id"]
            sink.error(.duplicateMaterial, "duplicate material id \(quoted(material.id))", at: material.locations["id"],
                       hint: "first defined at \(at?.description ?? "")")
        }
    }
}

func isISODate(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
          parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
          let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
    guard let year = Int(parts[0]), (1...12).contains(month) else { return false }
    // A real day of that month: 2026-02-31 and 2025-02-29 are refused.
    let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return (1...days).contains(day)
}
