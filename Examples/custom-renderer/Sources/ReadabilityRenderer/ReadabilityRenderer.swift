import OutreachKit

/// A plain-language report: for each section of a material, its words,
/// sentences, longest sentence and Flesch–Kincaid grade, flagged against the
/// federal plain-language targets (sentences of 20 words or fewer, grade 8 or lower).
public struct ReadabilityRenderer: Renderer {
    /// Creates the renderer.
    public init() {}

    public var format: FormatDescriptor {
        FormatDescriptor(name: "readability", fileExtension: "readability.txt", mediaType: "text/plain",
                         summary: "A plain-language report: sentence length and reading grade per section")
    }

    public func render(_ document: Document, options: RenderOptions) async throws -> Rendered {
        var prose = ProseBySection()
        prose.walk(document)
        var lines = ["Readability of \"\(document.metadata.title)\"", ""]
        var flagged = 0
        for section in prose.sections {
            let stats = TextStatistics(section.text)
            guard stats.words > 0 else { continue }
            let problems = stats.problems
            flagged += problems.isEmpty ? 0 : 1
            lines.append(section.title)
            lines.append("  \(stats.words) words, \(stats.sentences) sentences, longest \(stats.longestSentence) words, "
                         + "grade \(stats.gradeText)")
            lines += problems.map { "  ! \($0)" }
        }
        lines += ["", flagged == 0 ? "Every section meets the plain-language targets."
                                   : "\(flagged) section(s) miss a plain-language target."]
        return Rendered(lines.joined(separator: "\n") + "\n")
    }
}

/// The prose of a document, split at its level-2 headings.
///
/// A `DocumentWalker`: the defaults walk into sections, lists, quotes and
/// callouts, so only the nodes that matter here are written out. Contact
/// cards, figures, tables and code are not prose and are skipped. Each
/// paragraph's words come from the built-in plain-text writer, so links read
/// as the `text` format prints them.
struct ProseBySection: DocumentWalker {
    var sections: [(title: String, text: String)] = [("(opening)", "")]
    private let writer = PlainTextWriter(width: Int.max)

    mutating func visitHeading(level: Int, content: [Inline]) {
        if level == 2 {
            sections.append((content.plainText, ""))
        } else {
            add(content.plainText + ".")
        }
    }

    mutating func visitParagraph(_ content: [Inline]) { add(writer.text(for: content) + ".") }
    mutating func visitContactCard(_ card: ContactCard) {}
    mutating func visitFactList(_ facts: [Fact]) {}
    mutating func visitTable(header: [[Inline]], rows: [[[Inline]]]) {}
    mutating func visitCode(_ text: String) {}

    private mutating func add(_ text: String) {
        sections[sections.count - 1].text += " " + text
    }
}
