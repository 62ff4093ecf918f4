/// An output path pattern such as `{material}/{agency}.{ext}`.
///
/// Placeholders: `{material}`, `{agency}`, `{partner}`, `{locale}`, `{format}`, `{ext}`.
/// The result is always a relative path inside the output folder.
struct OutputPattern {
    static let placeholders = ["material", "agency", "partner", "locale", "format", "ext"]
    static let defaultPattern = "{material}.{ext}"
    static let defaultEachPattern = "{material}/{agency}.{ext}"
    /// A partner's kit in a folder of its own.
    static let defaultPartnerPattern = "partners/{partner}/{material}.{ext}"

    /// The pattern a material uses when neither it nor the manifest gives one.
    static func defaultPattern(for each: MaterialSpec.Each?) -> String {
        switch each {
        case nil: return defaultPattern
        case .agency: return defaultEachPattern
        case .partner: return defaultPartnerPattern
        }
    }

    let text: String
    /// The pattern cut into its text and its placeholders once, so each path is made by appending.
    private let segments: [Segment]

    private enum Segment {
        case text(Substring)
        /// A `{name}`, with the braces as written, kept when there is no value for it.
        case placeholder(name: Substring, written: Substring)
    }

    init(text: String) {
        self.text = text
        // Cut as `String.filling` reads a template: a brace is a character of its own.
        var segments: [Segment] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { segments.append(.text(rest[..<open])) }
            segments.append(.placeholder(name: rest[rest.index(after: open)..<close], written: rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { segments.append(.text(rest)) }
        self.segments = segments
    }

    /// Problems with the pattern itself: unknown placeholders, unbalanced braces, escaping paths.
    func problems(fansOut each: MaterialSpec.Each?) -> [(code: DiagnosticCode, message: String, hint: String?)] {
        var problems: [(DiagnosticCode, String, String?)] = []
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                problems.append((.unclosedPlaceholder, "unclosed '{' in output pattern \(quoted(text))", nil))
                break
            }
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        for name in names where !Self.placeholders.contains(name) {
            problems.append((.unknownPlaceholder, "unknown placeholder \(quoted("{" + name + "}")) in output pattern \(quoted(text))",
                             "valid placeholders: \(quotedList(Self.placeholders.map { "{\($0)}" }))"))
        }
        if let each, !names.contains(each.placeholder) {
            problems.append((.patternLacksAgency, "output pattern \(quoted(text)) must contain '{\(each.placeholder)}' for 'each: \(each.rawValue)'", nil))
        }
        for other in MaterialSpec.Each.allCases where other != each && names.contains(other.placeholder) {
            problems.append((.patternAgencyWithoutEach,
                             "output pattern \(quoted(text)) uses '{\(other.placeholder)}' but the material has no 'each: \(other.rawValue)'", nil))
        }
        if let reason = escapeReason(text) {
            problems.append((.patternEscapes, "output pattern \(quoted(text)) \(reason)", "write a relative path inside the output folder"))
        }
        return problems
    }

    /// The path for one output: each placeholder filled with its value, and one without a
    /// value left as written (as `text.filling(values)` does).
    func resolve(_ values: [String: String]) -> String {
        resolve { values[String($0)] }
    }

    /// The path for one output of a page.
    func resolve(material: String, locale: String, format: String, ext: String, agency: String?, partner: String?) -> String {
        resolve { name in
            switch name {
            case "material": return material
            case "locale": return locale
            case "format": return format
            case "ext": return ext
            case "agency": return agency
            case "partner": return partner
            default: return nil
            }
        }
    }

    private func resolve(_ value: (Substring) -> String?) -> String {
        var path = ""
        for segment in segments {
            switch segment {
            case .text(let text): path += text
            case .placeholder(let name, let written):
                if let filled = value(name) { path += filled } else { path += written }
            }
        }
        return path
    }
}

/// Why a relative output path would leave the output folder, or nil when it stays inside.
func escapeReason(_ path: String) -> String? {
    // Byte by byte, as the file system reads the path: a `/` is a separator even where a combining
    // mark follows it and makes it part of a larger Swift Character.
    let bytes = path.utf8
    if bytes.first == UInt8(ascii: "/") || bytes.first == UInt8(ascii: "~") { return "is an absolute path" }
    var parent = false, empty = false, bad = false
    var length = 0, dots = 0
    for byte in bytes {
        switch byte {
        case UInt8(ascii: "/"):
            if length == 0 { empty = true } else if length == 2 && dots == 2 { parent = true }
            length = 0
            dots = 0
            continue
        case UInt8(ascii: "."): dots += 1
        case UInt8(ascii: "\\"), 0: bad = true
        default: break
        }
        length += 1
    }
    if length == 0 { empty = true } else if length == 2 && dots == 2 { parent = true }
    if parent { return "leaves the output folder with '..'" }
    if empty { return "has an empty path component" }
    if bad { return "contains a backslash or NUL character" }
    return nil
}
