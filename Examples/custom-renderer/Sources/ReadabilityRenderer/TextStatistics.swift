/// Word, sentence and syllable counts of English prose, and the Flesch–Kincaid grade:
/// 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59.
struct TextStatistics {
    private(set) var words = 0
    private(set) var sentences = 0
    private(set) var syllables = 0
    private(set) var longestSentence = 0

    init(_ text: String) {
        var current = 0
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let word = token.filter { $0.isLetter || $0.isNumber }
            if !word.isEmpty {
                words += 1
                current += 1
                syllables += Self.syllables(in: word.lowercased())
            }
            if let last = token.last, ".!?".contains(last), current > 0 {
                sentences += 1
                longestSentence = max(longestSentence, current)
                current = 0
            }
        }
        if current > 0 {
            sentences += 1
            longestSentence = max(longestSentence, current)
        }
    }

    var grade: Double {
        guard words > 0, sentences > 0 else { return 0 }
        return 0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59
    }

    var gradeText: String {
        let tenths = Int((grade * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    var problems: [String] {
        var list: [String] = []
        if longestSentence > 20 { list.append("a sentence of \(longestSentence) words; aim for 20 or fewer") }
        if grade > 8 { list.append("reading grade \(gradeText); aim for grade 8 or lower") }
        return list
    }

    /// Vowel groups, less a silent final "e": a common estimate for English.
    static func syllables(in word: String) -> Int {
        let vowels = Set("aeiouy")
        var count = 0
        var previousWasVowel = false
        for character in word {
            let isVowel = vowels.contains(character)
            if isVowel && !previousWasVowel { count += 1 }
            previousWasVowel = isVowel
        }
        if word.hasSuffix("e") && !word.hasSuffix("le") && count > 1 { count -= 1 }
        return max(1, count)
    }
}
