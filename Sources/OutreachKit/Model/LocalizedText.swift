/// A piece of text in one or more locales, such as `en` and `es`.
///
/// In content files a plain string is text in the campaign's default locale;
/// a mapping of locale to string adds translations without changing the model.
package struct LocalizedText: Sendable, Codable, Hashable {
    /// The text for each locale code.
    package var values: [String: String]

    /// Creates text from a locale-to-string mapping.
    package init(_ values: [String: String]) {
        self.values = values
    }

    /// Creates text in a single locale.
    package init(_ text: String, locale: String) {
        self.values = [locale: text]
    }

    /// The text in `locale`, else in `fallback`, else in the first locale by name.
    package func resolved(_ locale: String, fallback: String) -> String {
        if let text = values[locale] { return text }
        if let text = values[fallback] { return text }
        return values.keys.sorted().first.flatMap { values[$0] } ?? ""
    }

    /// The locales this text is written in.
    package var locales: [String] { values.keys.sorted() }
}
