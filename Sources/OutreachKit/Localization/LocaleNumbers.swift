/// Whole numbers written as a locale writes them, by fixed rules from CLDR,
/// never from the machine's settings, so output is the same everywhere.
package enum LocaleNumbers {
    /// `n` with the locale's grouping: `12,345` in English, `12.345` in
    /// Spanish, which (CLDR minimum grouping digits 2) leaves `1234` ungrouped.
    package static func format(_ n: Int, in locale: String) -> String {
        let digits = String(n.magnitude)
        let (separator, minimumGrouping): (String, Int) = switch PluralCategory.language(of: locale) {
        case "es", "it", "pt", "vi", "id": (".", PluralCategory.language(of: locale) == "es" ? 2 : 1)
        case "fr": ("\u{202F}", 1)
        default: (",", 1)
        }
        var grouped = digits
        if digits.count >= 3 + minimumGrouping {
            var parts: [Substring] = []
            var end = digits.endIndex
            while end > digits.startIndex {
                let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
                parts.insert(digits[start..<end], at: 0)
                end = start
            }
            grouped = parts.joined(separator: separator)
        }
        return n < 0 ? "-" + grouped : grouped
    }
}
