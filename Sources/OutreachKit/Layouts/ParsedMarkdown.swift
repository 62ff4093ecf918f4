import Foundation

/// CommonMark parsed once per run and shared by every document that places it.
///
/// A message (in one locale) or an agency's text is placed by many materials;
/// parsing it once and sharing the tree, instead of calling cmark for every
/// material, keeps cmark's share of a run flat as materials are added. The
/// cache holds one tree per distinct source text, so it grows with the
/// content, not with the number of materials. Any thread may use it.
final class ParsedMarkdown: @unchecked Sendable {
    private let lock = NSLock()
    private var blocks: [String: [Block]] = [:]
    private var inlines: [String: [Inline]] = [:]

    /// `source` parsed as blocks.
    func blocks(_ source: String) -> [Block] {
        if let known = lock.withLock({ blocks[source] }) { return known }
        let parsed = CommonMark.parse(source)
        lock.withLock { blocks[source] = parsed }
        return parsed
    }

    /// `source` parsed as one paragraph's inlines.
    func inlines(_ source: String) -> [Inline] {
        if let known = lock.withLock({ inlines[source] }) { return known }
        let parsed = CommonMark.parseInline(source)
        lock.withLock { inlines[source] = parsed }
        return parsed
    }
}
