/// Which way a locale's script runs.
package enum LocaleDirection {
    /// Languages written right to left (CLDR `characterOrder: right-to-left`) that outreach may meet.
    static let rightToLeftLanguages: Set<String> = ["ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"]

    /// Whether text in `locale` runs right to left: `ar`, `ar-EG`, `he`, ...
    package static func isRightToLeft(_ locale: String) -> Bool {
        rightToLeftLanguages.contains(PluralCategory.language(of: locale))
    }
}
