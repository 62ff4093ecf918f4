/// Checks BCP 47 language tags (RFC 5646's well-formedness, without the registry,
/// and with a 2–3 letter language):
/// `en`, `es-419`, `zh-Hant-TW`, `sl-rozaj-biske`, `de-CH-x-phonebk`.
enum LanguageTag {
    /// Whether `tag` is a well-formed language tag.
    static func isWellFormed(_ tag: String) -> Bool {
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard tag.count <= 64, let language = subtags.first, subtags.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isASCIIAlphanumeric) }) else {
            return false
        }
        if language.lowercased() == "x" { return privateUse(subtags.dropFirst()) }
        // 2–3 letters (ISO 639); the 5–8 letter form is reserved for registrations that do not exist.
        guard isAlpha(language), (2...3).contains(language.count) else { return false }
        var rest = subtags.dropFirst()
        // extlang: up to three 3-letter subtags after a 2–3 letter language
        var extlangs = 0
        while extlangs < 3, let next = rest.first, next.count == 3, isAlpha(next) { rest = rest.dropFirst(); extlangs += 1 }
        if let script = rest.first, script.count == 4, isAlpha(script) { rest = rest.dropFirst() }
        if let region = rest.first, (region.count == 2 && isAlpha(region)) || (region.count == 3 && region.allSatisfy(\.isASCIIDigit)) {
            rest = rest.dropFirst()
        }
        while let variant = rest.first,
              (5...8).contains(variant.count) || (variant.count == 4 && variant.first?.isASCIIDigit == true) {
            rest = rest.dropFirst()
        }
        while let singleton = rest.first, singleton.count == 1 {
            if singleton.lowercased() == "x" { return privateUse(rest.dropFirst()) }
            rest = rest.dropFirst()
            var count = 0
            while let part = rest.first, (2...8).contains(part.count) { rest = rest.dropFirst(); count += 1 }
            if count == 0 { return false }
        }
        return rest.isEmpty
    }

    private static func privateUse(_ subtags: ArraySlice<String>) -> Bool {
        !subtags.isEmpty && subtags.allSatisfy { (1...8).contains($0.count) }
    }

    private static func isAlpha(_ text: String) -> Bool { text.allSatisfy { $0.isASCII && $0.isLetter } }
    private static func isASCIIAlphanumeric(_ character: Character) -> Bool { character.isASCII && (character.isLetter || character.isNumber) }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
