@testable import OutreachKit

/// Reads rendered Markdown back with the cmark bridge, to compare with what was rendered.
enum MarkdownRoundTrip {
    /// The blocks cmark reads from a rendered page, its front matter left out.
    static func blocks(in page: String) -> [Block] {
        var body = Substring(page)
        if body.hasPrefix("---\n"), let end = body.dropFirst(4).range(of: "\n---\n") {
            body = body[end.upperBound...]
        }
        return CommonMark.parse(String(body))
    }

    /// `blocks` with neighbouring text runs joined, as the bridge joins them.
    static func normalized(_ blocks: [Block]) -> [Block] {
        blocks.map { block in
            switch block {
            case .heading(let level, let content): return .heading(level: level, content: normalized(content))
            case .paragraph(let content): return .paragraph(normalized(content))
            case .list(let ordered, let items): return .list(ordered: ordered, items: items.map(normalized))
            case .quote(let inner): return .quote(normalized(inner))
            default: return block
            }
        }
    }

    private static func normalized(_ inlines: [Inline]) -> [Inline] {
        CommonMark.mergingText(inlines.map { inline in
            switch inline {
            case .emphasis(let content): return .emphasis(normalized(content))
            case .strong(let content): return .strong(normalized(content))
            case .link(let url, let content): return .link(url: url, content: normalized(content))
            default: return inline
            }
        })
    }
}
