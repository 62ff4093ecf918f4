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

    public func render(_ document: Document, options: RenderOptions) throws -> Rendered {
        var sections: [(title: String, text: String)] = [("(opening)", "")]
        for block in document.blocks.expandingSections() {
            if case .heading(let level, let content) = block, level == 2 {
                sections.append((content.plainText, ""))
            } else {
                sections[sections.count - 1].text += " " + Self.prose(block)
            }
        }
        var lines = ["Readability of \"\(document.metadata.title)\"", ""]
        var flagged = 0
        for section in sections {
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

    /// The readable text of a block; contact cards and figures are not prose.
    static func prose(_ block: Block) -> String {
        switch block {
        case .paragraph(let content), .heading(_, let content): return content.plainText + "."
        case .list(_, let items): return items.flatMap { $0 }.map(prose).joined(separator: " ")
        case .quote(let blocks): return blocks.map(prose).joined(separator: " ")
        case .callout(let callout): return callout.blocks.map(prose).joined(separator: " ")
        case .section(let section): return section.blocks.map(prose).joined(separator: " ")
        case .code, .table, .contactCard, .factList, .thematicBreak: return ""
        }
    }
}
