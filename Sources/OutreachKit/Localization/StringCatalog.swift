internal import Yams

/// The words outreach writes itself in one locale, read from a catalog file
/// such as `Templates/strings/es.yml`: a mapping of keys to text, or to
/// plural forms by CLDR category (`one:`, `other:`, ...).
package struct StringCatalog: Sendable, Hashable {
    /// One entry: plain text, or a text per plural category.
    package enum Entry: Sendable, Hashable {
        case text(String)
        case plural([PluralCategory: String])
    }

    /// The locale code, the catalog file's name without `.yml`.
    package var locale: String
    /// The entries by key.
    package var entries: [String: Entry]
    /// Where each key was written, for diagnostics.
    package var locations: [String: SourceLocation]
    /// The file, as named in diagnostics.
    package var file: String

    /// Reads a catalog; problems are reported to `sink` and the readable entries kept.
    static func parse(_ text: String, locale: String, file: String, sink: DiagnosticSink) -> StringCatalog {
        var catalog = StringCatalog(locale: locale, entries: [:], locations: [:], file: file)
        guard let root = YAMLValue.parse(text, file: file, emptyMessage: "the string catalog is empty", sink: sink) else {
            return catalog
        }
        guard case .mapping(let mapping) = root.node else {
            sink.error(.wrongType, "a string catalog must be a mapping of keys to text, not \(root.kindName)", at: root.at)
            return catalog
        }
        for (keyNode, valueNode) in mapping {
            let key = YAMLValue(node: keyNode, file: file, sink: sink)
            let value = YAMLValue(node: valueNode, file: file, sink: sink)
            guard let name = keyNode.scalar?.string else {
                sink.error(.keyNotAName, "keys in a string catalog must be plain names", at: key.at)
                continue
            }
            catalog.locations[name] = key.at
            if case .mapping(let forms) = valueNode {
                var plural: [PluralCategory: String] = [:]
                for (formKey, formValue) in forms {
                    let formName = formKey.scalar?.string ?? ""
                    guard let category = PluralCategory(rawValue: formName) else {
                        sink.error(.unknownKey, "unknown plural category \(quoted(formName)) in \(quoted(name))",
                                   at: YAMLValue(node: formKey, file: file, sink: sink).at,
                                   hint: "CLDR categories: \(quotedList(PluralCategory.allCases.map(\.rawValue)))")
                        continue
                    }
                    if let text = YAMLValue(node: formValue, file: file, sink: sink).string("plural form \(quoted(formName))") {
                        plural[category] = text
                    }
                }
                catalog.entries[name] = .plural(plural)
            } else if let text = value.string("the text of \(quoted(name))") {
                catalog.entries[name] = .text(text)
            }
        }
        return catalog
    }

    /// This catalog with every entry of `other` in place of its namesake.
    func merging(_ other: StringCatalog) -> StringCatalog {
        var merged = self
        merged.entries.merge(other.entries) { $1 }
        merged.locations.merge(other.locations) { $1 }
        merged.file = other.file
        return merged
    }

    /// The problems that make this catalog incomplete next to `reference`:
    /// a key it lacks, a plain text where a plural is expected, or a plural
    /// without a form the locale's CLDR rules need.
    func problems(against reference: StringCatalog) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let whole = SourceLocation(file: file, line: 1, column: 1)
        for key in reference.entries.keys.sorted() {
            guard let entry = entries[key] else {
                problems.append(.error(.missingCatalogKey, "string catalog for \(quoted(locale)) has no key \(quoted(key))",
                                       at: whole, hint: "add it; \(quoted(reference.file)) has every key"))
                continue
            }
            guard case .plural = reference.entries[key] else { continue }
            let at = locations[key] ?? whole
            guard case .plural(let forms) = entry else {
                problems.append(.error(.missingCatalogKey, "\(quoted(key)) in the string catalog for \(quoted(locale)) must give plural forms",
                                       at: at, hint: "forms needed: \(quotedList(PluralCategory.required(in: locale).map(\.rawValue)))"))
                continue
            }
            let missing = PluralCategory.required(in: locale).filter { forms[$0] == nil }
            if !missing.isEmpty {
                problems.append(.error(.missingCatalogKey, "\(quoted(key)) in the string catalog for \(quoted(locale)) lacks plural forms \(quotedList(missing.map(\.rawValue)))",
                                       at: at, hint: "CLDR plural rules for \(quoted(locale)) need \(quotedList(PluralCategory.required(in: locale).map(\.rawValue)))"))
            }
        }
        return problems
    }

    /// The text of `key`, or the key itself when the catalog lacks it (which `validate` reports).
    package func text(_ key: String) -> String {
        switch entries[key] {
        case .text(let text): return text
        case .plural(let forms): return forms[.other] ?? key
        case nil: return key
        }
    }

    /// The form of `key` for `count`, with `{count}` filled in as the locale writes numbers.
    package func plural(_ key: String, count: Int) -> String {
        guard case .plural(let forms) = entries[key] else { return text(key) }
        let form = forms[PluralCategory.of(count, in: locale)] ?? forms[.other] ?? key
        return form.filling(["count": LocaleNumbers.format(count, in: locale)])
    }

    /// A `YYYY-MM-DD` date written with the catalog's `dateFormat` and month names;
    /// any other text is returned as it is.
    package func date(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month) else { return iso }
        return text("dateFormat").filling(["year": String(year), "month": text("month\(month)"), "day": String(day)])
    }

    /// Every entry as text: a plural's forms under `key.one`, `key.other`, ...
    package var flattened: [String: String] {
        var result: [String: String] = [:]
        for (key, entry) in entries {
            switch entry {
            case .text(let text): result[key] = text
            case .plural(let forms): for (category, text) in forms { result[key + "." + category.rawValue] = text }
            }
        }
        return result
    }
}
