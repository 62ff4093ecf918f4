internal import Mustache

/// Counted words from a document's strings: the CLDR plural form of the
/// document's locale, with the count written as the locale writes numbers.
struct CountedWords {
    let strings: [String: String]
    let locale: String

    func text(_ key: String, count: Int) -> String {
        let category = PluralCategory.of(count, in: locale).rawValue
        let form = strings[key + "." + category] ?? strings[key + ".other"] ?? strings[key] ?? ""
        return form.filling(["count": LocaleNumbers.format(count, in: locale)])
    }
}

/// A text's length as an SMS.
struct SMSContext: TemplateObject {
    let text: String
    let characters: Int
    let encoding: String
    let segments: Int
    let multipart: Bool
    /// "160 characters", "1 segment", and the warning for a multipart message, in the document's locale.
    let charactersText: String
    let segmentsText: String
    let multipartWarning: String?

    init(_ text: String, counted: CountedWords) {
        let sms = SMSSegments(text)
        self.text = text
        characters = sms.characters
        encoding = sms.encoding.rawValue
        segments = sms.segments
        multipart = sms.isMultipart
        charactersText = counted.text("characters", count: sms.characters)
        segmentsText = counted.text("segments", count: sms.segments)
        multipartWarning = sms.isMultipart ? counted.text("tooManySegments", count: sms.segments) : nil
    }
}
