import Foundation

/// Builds model values from YAML nodes, checking each field where it stands.
struct ModelReader {
    let defaultLocale: String
    let locales: [String]
    let sink: DiagnosticSink
    let index = SourceIndex()

    func rememberReferences(_ ids: [(String, SourceLocation)], kind: SourceIndex.Kind, from field: String) {
        for (id, location) in ids { index.refer(kind, id, field: field, at: location) }
    }

    /// A text field: a plain string in the default locale, or a mapping of locale to string.
    func text(_ mapping: YAMLMapping, _ key: String, required: Bool = false) -> LocalizedText? {
        guard let value = required ? mapping.required(key) : mapping[key] else { return nil }
        return text(value, what: "'\(key)'")
    }

    func text(_ value: YAMLValue, what: String) -> LocalizedText? {
        if case .scalar = value.node {
            return value.string(what).flatMap { markdown($0, what: what, at: value.at) }.map { LocalizedText($0, locale: defaultLocale) }
        }
        guard let translations = value.mapping(what, allowed: locales) else { return nil }
        var values: [String: String] = [:]
        for entry in translations.entries {
            let what = "\(what) in '\(entry.key)'"
            if let string = entry.value.string(what).flatMap({ markdown($0, what: what, at: entry.value.at) }) { values[entry.key] = string }
        }
        return values.isEmpty ? nil : LocalizedText(values)
    }

    /// `text` when it nests no deeper than CommonMark allows (text fields are CommonMark); otherwise an error.
    func markdown(_ text: String, what: String, at location: SourceLocation) -> String? {
        guard let deep = CommonMark.firstTooDeep(in: text) else { return text }
        sink.error(.markdownTooDeep, "\(what) nests quotes, lists, emphasis or links deeper than \(CommonMark.maximumDepth) levels "
                   + "(line \(deep.line), column \(deep.column) of the text)", at: location, hint: "flatten the nesting")
        return nil
    }

    /// An id, as ``Identifier`` defines it.
    func id(_ mapping: YAMLMapping, kind: SourceIndex.Kind, locale: String? = nil) -> String? {
        guard let id = mapping.string("id", required: true), let value = mapping["id"] else { return nil }
        guard Identifier.isValid(id) else {
            sink.error(.invalidID, "\(kind.rawValue) id \(quoted(id)) must use only \(Identifier.rule)", at: value.at)
            return nil
        }
        index.define(kind, id, locale: locale, at: value.at)
        return id
    }

    func references(_ mapping: YAMLMapping, _ key: String, kind: SourceIndex.Kind) -> [String] {
        let items = mapping.strings(key)
        rememberReferences(items, kind: kind, from: key)
        return items.map(\.0)
    }

    func url(_ mapping: YAMLMapping, _ key: String) -> String? {
        guard let text = mapping.string(key), let value = mapping[key] else { return nil }
        guard isValidURL(text) else {
            sink.error(.malformedURL, "malformed URL \(quoted(text)) in '\(key)'", at: value.at,
                       hint: "write an absolute address such as 'https://www.dhs.gov/blue-campaign'")
            return nil
        }
        return text
    }

    func phone(_ mapping: YAMLMapping, _ key: String) -> String? {
        guard let text = mapping.string(key), let value = mapping[key] else { return nil }
        guard isValidPhone(text) else {
            sink.error(.malformedPhone, "malformed phone number \(quoted(text)) in '\(key)'", at: value.at,
                       hint: "use digits with optional '+', spaces, dashes, dots or parentheses, such as '1-888-373-7888'")
            return nil
        }
        return text
    }

    func audience(_ value: YAMLValue) -> Audience? {
        guard let map = value.mapping("an audience", allowed: ["id", "name"]) else { return nil }
        let id = self.id(map, kind: .audience)
        let name = text(map, "name", required: true)
        guard let id, let name else { return nil }
        return Audience(id: id, name: name)
    }
}

/// An absolute http(s) address with a host, or a `mailto:`/`tel:` address.
func isValidURL(_ text: String) -> Bool {
    guard !text.contains(where: \.isWhitespace), let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
        return false
    }
    switch scheme {
    case "http", "https":
        guard let host = url.host, host.contains("."), !host.hasPrefix("."), !host.hasSuffix(".") else { return false }
        return true
    case "mailto", "tel":
        return text.count > scheme.count + 1
    default:
        return false
    }
}

/// A phone number: 3 to 15 digits with the usual separators.
func isValidPhone(_ text: String) -> Bool {
    let allowed = Set("0123456789+-. ()")
    guard text.allSatisfy({ allowed.contains($0) }) else { return false }
    let digits = text.filter(\.isNumber).count
    guard (3...15).contains(digits) else { return false }
    if let plus = text.firstIndex(of: "+"), plus != text.startIndex { return false }
    return text.filter { $0 == "(" }.count == text.filter { $0 == ")" }.count
}
