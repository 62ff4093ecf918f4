import Foundation

/// What to make: the parsed `outreach.yml`.
package struct Manifest: Sendable {
    /// The manifest file as named in diagnostics.
    package var file: String
    /// The folder the manifest's relative paths start from.
    package var baseFolder: URL
    /// The schema version; only 1 exists.
    package var version: Int
    /// The content folder, relative to the manifest.
    package var content: String
    /// The output folder, relative to the manifest.
    package var output: String
    /// A folder of Mustache templates that override the built-in ones.
    package var templates: String?
    /// The date printed in materials, `YYYY-MM-DD`.
    package var date: String?
    /// The output path pattern for materials that do not set their own.
    package var outputPattern: String?
    /// Settings every material starts from.
    package var defaults: MaterialOptions
    /// The materials to make.
    package var materials: [MaterialSpec]
    /// Template format folders and external formats the manifest adds.
    package var formats: [FormatDeclaration] = []
    /// The locales every material is made in, unless it lists its own; empty means the one locale of `defaults`.
    package var locales: [String] = []
    /// The locale whose text stands in for a missing translation, with a warning; nil makes a missing translation an error.
    package var fallback: String?
    /// Where each key and list item was written, for later diagnostics.
    var locations: KeyLocations
    /// A folder of images and other files copied, as they are, into the output folder under its own name.
    package var assets: String? = nil
    /// The SHA-256 of the manifest file's bytes as they were read; nil for a manifest not read from a file.
    package var sourceDigest: String?
}

/// Settings for rendering: from `defaults`, overridden by a material's `options`.
package struct MaterialOptions: Sendable, Hashable {
    /// The locale, such as `en`.
    package var locale: String?
    /// The paper size of printable formats.
    package var paper: Paper?
    /// The plain-text wrap column.
    package var textWidth: Int?
    /// Whether plain text is restricted to ASCII.
    package var asciiOnly: Bool?
    /// The print size of printable formats: `standard`, or `large` for accessible copies.
    package var print: PrintSize?
    /// Whether printable formats draw QR codes beside contacts.
    package var qrCodes: Bool?

    /// Creates options; `nil` means inherit.
    package init(
        locale: String? = nil, paper: Paper? = nil, textWidth: Int? = nil, asciiOnly: Bool? = nil,
        print: PrintSize? = nil, qrCodes: Bool? = nil
    ) {
        self.locale = locale
        self.paper = paper
        self.textWidth = textWidth
        self.asciiOnly = asciiOnly
        self.print = print
        self.qrCodes = qrCodes
    }

    /// These options with `nil` fields taken from `base`.
    package func over(_ base: MaterialOptions) -> MaterialOptions {
        MaterialOptions(
            locale: locale ?? base.locale, paper: paper ?? base.paper,
            textWidth: textWidth ?? base.textWidth, asciiOnly: asciiOnly ?? base.asciiOnly,
            print: print ?? base.print, qrCodes: qrCodes ?? base.qrCodes
        )
    }
}

/// One entry of `materials:`: a layout, what it includes, and its formats.
package struct MaterialSpec: Sendable {
    /// How a material fans out into several outputs.
    package enum Each: String, Sendable, CaseIterable {
        case agency
        case partner

        /// The output pattern placeholder that tells the fanned-out outputs apart.
        package var placeholder: String { rawValue }
    }

    /// The id, used in output paths.
    package var id: String
    /// The title; each layout has a default.
    package var title: String? {
        get { rare?.settings.title }
        set { update { $0.title = newValue } }
    }
    /// Titles by locale, when the manifest gives `title` as a mapping.
    package var titles: [String: String] {
        get { rare?.settings.titles ?? [:] }
        set { update { $0.titles = newValue } }
    }
    /// The audience id it is written for; selects messages.
    package var audience: String? {
        get { rare?.settings.audience }
        set { update { $0.audience = newValue } }
    }
    /// Partner ids to make kits for with `each: partner`, in order; all partners when empty.
    package var partners: [String] {
        get { rare?.settings.partners ?? [] }
        set { update { $0.partners = newValue } }
    }
    /// Fan-out: one output per selected agency, or one kit per partner.
    package var each: Each? {
        get { rare?.settings.each }
        set { update { $0.each = newValue } }
    }
    /// The output path pattern for this material.
    package var output: String? {
        get { rare?.settings.output }
        set { update { $0.output = newValue } }
    }
    /// Per-material settings.
    package var options: MaterialOptions {
        get { rare?.settings.options ?? MaterialOptions() }
        set { update { $0.options = newValue } }
    }
    /// The locales to make it in, in place of the manifest's.
    package var locales: [String] {
        get { rare?.settings.locales ?? [] }
        set { update { $0.locales = newValue } }
    }
    /// Where each key and list item was written (`formats.1`, `agencies.0`, ...).
    var locations: KeyLocations

    /// The settings most materials leave out, held apart: nil while all are unset, so a large
    /// manifest's materials take about half the room (a material was 224 bytes, 22 MB at 100,000).
    private var rare: Rare?

    /// The layout and lists, in one box that the materials of a manifest selecting the same share
    /// (``share(_:)``, in `MaterialSelection.swift`).
    var selection: Selection

    private struct Settings: Sendable, Equatable {
        var title: String?
        var titles: [String: String] = [:]
        var audience: String?
        var partners: [String] = []
        var each: Each?
        var output: String?
        var options = MaterialOptions()
        var locales: [String] = []
    }

    private final class Rare: Sendable {
        let settings: Settings
        init(_ settings: Settings) { self.settings = settings }
    }

    /// Changes the rare settings: a new box each time, so copies of the material never share a change.
    private mutating func update(_ change: (inout Settings) -> Void) {
        var settings = rare?.settings ?? Settings()
        change(&settings)
        rare = Rare(settings)
    }

    init(id: String, layout: String, title: String?, titles: [String: String], audience: String?, formats: [String],
         agencies: [String], agencyKinds: [Agency.Kind], messages: [String], topics: [String], each: Each?, output: String?,
         options: MaterialOptions, locales: [String], locations: KeyLocations, partners: [String] = []) {
        self.id = id
        selection = Selection(Selected(layout: layout, formats: formats, agencies: agencies, agencyKinds: agencyKinds,
                                       messages: messages, topics: topics))
        self.locations = locations
        let settings = Settings(title: title, titles: titles, audience: audience, partners: partners, each: each, output: output,
                                options: options, locales: locales)
        rare = settings == Settings() ? nil : Rare(settings)
    }

    func location(_ key: String) -> SourceLocation? { locations[key] ?? locations["id"] }

    /// The title in `locale`: the per-locale title, else the single one.
    package func title(in locale: String) -> String? { titles[locale] ?? title }
}

/// One entry of `formats:`: a folder of template formats, or a named format
/// (an external command, or options for any format).
package struct FormatDeclaration: Sendable {
    /// A folder holding template formats (each in a subfolder with a `format.yml`), or one such format.
    package var folder: String?
    /// The format this entry is about.
    package var name: String?
    /// The external command and its arguments.
    package var command: [String]?
    /// Seconds an external format may take for one document; 30 when not given.
    package var timeout: Double?
    /// Options passed to the format.
    package var options: [String: JSONValue]
    /// Where the entry was written.
    package var location: SourceLocation
}

/// Where each key and list item of a manifest mapping was written, read like a dictionary.
///
/// A material's keys all come from one file, so the file is kept once, and each key as
/// the number of its name (a manifest or material key) and list index with its line and
/// column, packed in 8 bytes, where a dictionary of ``SourceLocation`` cost about 1 KB a material.
/// A mapping with many keys (a long list), or a key that does not pack (another name, an index,
/// line or column too large), is kept in a dictionary.
///
/// A material read from a manifest file can keep none of them: only where it starts in the file
/// (``MaterialRereader``). Its keys are found again, by reading that material again, when a
/// diagnostic asks for one; they are only asked for to report a problem.
struct KeyLocations: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// Name number: 7 bits; list index plus one (0 for none): 13 bits; line: 28 bits; column: 16 bits.
    fileprivate struct Packed: Equatable {
        private let bits: UInt64

        init?(name: UInt16, item: Int32, line: Int, column: Int) {
            guard name < 1 << 7, item < (1 << 13) - 1, line >= 0, line < 1 << 28, column >= 0, column < 1 << 16 else { return nil }
            bits = UInt64(name) << 57 | UInt64(item + 1) << 44 | UInt64(line) << 16 | UInt64(column)
        }

        var name: UInt16 { UInt16(bits >> 57) }
        var item: Int32 { Int32(bits >> 44 & (1 << 13 - 1)) - 1 }
        var line: Int { Int(bits >> 16 & (1 << 28 - 1)) }
        var column: Int { Int(bits & (1 << 16 - 1)) }
    }

    private enum Storage: Sendable, Equatable {
        /// The first few keys, searched in order, and their file.
        case packed(file: String?, few: [Packed])
        /// Every key, once there are more than a few or one does not pack.
        case dictionary([String: SourceLocation])
        /// Read again from the manifest when asked.
        case deferred(MaterialRereader.Place)
    }

    private var storage = Storage.packed(file: nil, few: [])
    private static let fewLimit = 16
    /// The key names that pack: the manifest's and a material's.
    private static let names: [String] = Array(Set(ManifestLoader.keys + ManifestLoader.materialKeys + ["material"])).sorted()
    private static let numbers: [String: UInt16] = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, UInt16($0)) })

    init(dictionaryLiteral elements: (String, SourceLocation)...) {
        for (key, location) in elements { self[key] = location }
    }

    /// The locations of the material that starts at `place`, read again when asked for.
    init(deferredTo place: MaterialRereader.Place) {
        storage = .deferred(place)
    }

    /// Whether the keys are read again when asked for.
    var isDeferred: Bool {
        if case .deferred = storage { return true }
        return false
    }

    /// These locations with every key at hand: a deferred material read again. When it cannot be
    /// (the manifest changed since), every key is where the material starts.
    private func resolved() -> KeyLocations {
        guard case .deferred(let place) = storage else { return self }
        return place.rereader.locations(of: place) ?? ["material": place.start, "id": place.start]
    }

    static func == (lhs: KeyLocations, rhs: KeyLocations) -> Bool {
        if lhs.isDeferred || rhs.isDeferred { return lhs.resolved().storage == rhs.resolved().storage }
        return lhs.storage == rhs.storage
    }

    /// `NAME` or `NAME.INDEX` as a name number and index (-1 for none); nil for any other key.
    private static func split(_ key: String) -> (name: UInt16, item: Int32)? {
        if let name = numbers[key] { return (name, -1) }
        guard let dot = key.lastIndex(of: "."), let name = numbers[String(key[..<dot])],
              let item = Int32(key[key.index(after: dot)...]), item >= 0 else { return nil }
        return (name, item)
    }

    subscript(key: String) -> SourceLocation? {
        get {
            switch storage {
            case .dictionary(let all): return all[key]
            case .deferred(let place): return key == "material" ? place.start : resolved()[key]
            case .packed(let file, let few):
                guard let file, let (name, item) = Self.split(key),
                      let found = few.first(where: { $0.name == name && $0.item == item }) else { return nil }
                return SourceLocation(file: file, line: found.line, column: found.column)
            }
        }
        set {
            if case .dictionary = storage { set(newValue, split: nil, key: { key }) } else { set(newValue, split: Self.split(key), key: { key }) }
        }
    }

    /// Sets where item `index` of the list under `key` was written: the same as
    /// `self["\(key).\(index)"] = location`, without making that key and reading it back.
    mutating func setItem(_ index: Int, of key: String, to location: SourceLocation) {
        let split = Self.numbers[key].flatMap { name in Int32(exactly: index).map { (name: name, item: $0) } }
        set(location, split: index >= 0 ? split : nil, key: { "\(key).\(index)" })
    }

    /// Sets the location of the key `key()`, whose name number and index are `split` when it packs.
    private mutating func set(_ newValue: SourceLocation?, split: (name: UInt16, item: Int32)?, key: () -> String) {
        if isDeferred { self = resolved() }
        switch storage {
        case .deferred: return
        case .dictionary(var all):
            storage = .packed(file: nil, few: [])
            all[key()] = newValue
            storage = .dictionary(all)
        case .packed(var file, var few):
            storage = .packed(file: nil, few: [])
            if let split { few.removeAll { $0.name == split.name && $0.item == split.item } }
            guard let newValue else {
                storage = .packed(file: file, few: few)
                return
            }
            if file == nil { file = newValue.file }
            if let split, few.count < Self.fewLimit, newValue.file == file,
               let packed = Packed(name: split.name, item: split.item, line: newValue.line, column: newValue.column) {
                few.append(packed)
                storage = .packed(file: file, few: few)
                return
            }
            // Too many keys, or one that does not pack: every key goes to the dictionary from now on.
            var all: [String: SourceLocation] = [:]
            for entry in few {
                let name = Self.names[Int(entry.name)]
                all[entry.item < 0 ? name : "\(name).\(entry.item)"] =
                    SourceLocation(file: file ?? newValue.file, line: entry.line, column: entry.column)
            }
            all[key()] = newValue
            storage = .dictionary(all)
        }
    }

    /// Gives the list of keys exactly the room it uses.
    mutating func compact() {
        if case .packed(let file, let few) = storage, few.capacity > few.count { storage = .packed(file: file, few: Array(few[...])) }
    }
}
