/// A CLDR plural category: which form of a counted word a number takes.
package enum PluralCategory: String, Sendable, Hashable, CaseIterable, Comparable {
    case zero, one, two, few, many, other

    package static func < (lhs: PluralCategory, rhs: PluralCategory) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    /// The category of the whole number `n` in `locale`, by the CLDR plural
    /// rules (CLDR 46, cardinals, integers only: outreach counts things).
    ///
    /// A locale with no rule here uses English's, the most common shape.
    package static func of(_ n: Int, in locale: String) -> PluralCategory {
        let n = n.magnitude
        switch language(of: locale) {
        case "ar":
            // zero: n = 0; one: n = 1; two: n = 2; few: n % 100 = 3..10; many: n % 100 = 11..99
            switch n {
            case 0: return .zero
            case 1: return .one
            case 2: return .two
            default:
                if (3...10).contains(n % 100) { return .few }
                if (11...99).contains(n % 100) { return .many }
                return .other
            }
        case "es", "fr", "it", "pt":
            // one: n = 1 (fr, pt: i = 0,1); many: n != 0 and n % 1000000 = 0
            if n == 1 || (n == 0 && ["fr", "pt"].contains(language(of: locale))) { return .one }
            if n != 0 && n % 1_000_000 == 0 { return .many }
            return .other
        case "vi", "zh", "ja", "ko", "th", "id", "ms":
            return .other
        default:
            return n == 1 ? .one : .other
        }
    }

    /// The categories a catalog for `locale` must give for a plural.
    package static func required(in locale: String) -> [PluralCategory] {
        let categories = Set([0, 1, 2, 3, 11, 100, 1_000_000].map { of($0, in: locale) })
        return categories.sorted()
    }

    /// The language subtag of a locale code: `es` of `es-MX`.
    static func language(of locale: String) -> String {
        String(locale.prefix { $0 != "-" && $0 != "_" }).lowercased()
    }
}
