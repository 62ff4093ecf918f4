internal import CCmark

/// Parses CommonMark into ``Block`` values with libcmark.
///
/// Every cmark call in outreach lives in this file. Raw HTML, blocks and
/// inline, is dropped: content never passes markup through to a page.
///
/// The conversion never recurses deeper than ``maximumDepth`` and costs time
/// linear in the input: cmark parses deep nesting without recursion, and so must
/// everything after it. Content loaders refuse deeper content with a located
/// error (``firstTooDeep(in:)``); for text nobody checked, what lies deeper than
/// the limit is kept as plain text.
package enum CommonMark {
    /// The deepest nesting of quotes, lists, list items, emphasis and links that
    /// content may have: 64 levels, far beyond anything a person writes.
    package static let maximumDepth = 64

    /// Parses `markdown` into blocks.
    package static func parse(_ markdown: String) -> [Block] {
        guard let root = document(markdown) else { return [] }
        defer { cmark_node_free(root) }
        // Each top-level block is converted and then freed (cmark_node_free unlinks it), so cmark's
        // tree, several times the size of its text, and the blocks made from it are never both whole.
        var result: [Block] = []
        while let child = cmark_node_first_child(root) {
            if let converted = block(child, depth: 1) { result.append(converted) }
            cmark_node_free(child)
        }
        return result
    }

    /// Parses `markdown` that should be one paragraph into inlines; further blocks are joined with spaces.
    package static func parseInline(_ markdown: String) -> [Inline] {
        var result: [Inline] = []
        for block in parse(markdown) {
            guard case .paragraph(let inlines) = block else { continue }
            if !result.isEmpty { result.append(.softBreak) }
            result += inlines
        }
        return result
    }

    /// Where `markdown` first nests deeper than ``maximumDepth``: the 1-based line
    /// and column of the node that goes too deep, or `nil` when it does not.
    ///
    /// Walks cmark's tree with its iterator, so it never recurses.
    package static func firstTooDeep(in markdown: String) -> (line: Int, column: Int)? {
        guard let root = document(markdown) else { return nil }
        defer { cmark_node_free(root) }
        guard let iterator = cmark_iter_new(root) else { return nil }
        defer { cmark_iter_free(iterator) }
        var depth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { return nil }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_EXIT {
                depth -= 1 // only containers are exited
                continue
            }
            // The document node is depth 1, so its blocks are at 2: one more than in `blocks(under:depth:)`.
            if depth + 1 > maximumDepth + 1 { return position(of: node) }
            if !isLeaf(node) { depth += 1 }
        }
    }

    /// Parses without converting: what cmark alone costs, for comparisons.
    package static func parseWithCmarkOnly(_ markdown: String) {
        if let root = document(markdown) { cmark_node_free(root) }
    }

    private static func document(_ markdown: String) -> OpaquePointer? {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) }
        }
    }

    /// The node's start, or its nearest ancestor's when cmark records none for it.
    private static func position(of node: OpaquePointer) -> (line: Int, column: Int) {
        var current: OpaquePointer? = node
        while let node = current {
            let line = Int(cmark_node_get_start_line(node))
            if line > 0 { return (line, max(1, Int(cmark_node_get_start_column(node)))) }
            current = cmark_node_parent(node)
        }
        return (1, 1)
    }

    private static func isLeaf(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
             CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    private static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    /// The node's text; a control character written as an entity (`&#27;`) becomes U+FFFD,
    /// as cmark already does for NUL, so none reaches an output.
    private static func literal(_ node: OpaquePointer) -> String {
        let text = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        guard text.unicodeScalars.contains(where: InputText.isForbiddenControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { InputText.isForbiddenControl($0) ? "\u{FFFD}" : $0 }))
    }

    /// The text of everything under `node`, gathered without recursion.
    private static func flattenedText(under node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK: text += literal(current)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text
    }

    private static func blocks(under node: OpaquePointer, depth: Int) -> [Block] {
        guard depth <= maximumDepth else {
            let text = flattenedText(under: node)
            return text.isEmpty ? [] : [.paragraph([.text(text)])]
        }
        return children(of: node).compactMap { block($0, depth: depth) }
    }

    private static func block(_ node: OpaquePointer, depth: Int) -> Block? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            let content = inlines(under: node, depth: depth + 1)
            return content.isEmpty ? nil : .paragraph(content)
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), content: inlines(under: node, depth: depth + 1))
        case CMARK_NODE_BLOCK_QUOTE:
            return .quote(blocks(under: node, depth: depth + 1))
        case CMARK_NODE_LIST:
            let items = children(of: node).map { blocks(under: $0, depth: depth + 2) }
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, items: items)
        case CMARK_NODE_CODE_BLOCK:
            return .code(literal(node))
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak
        default:
            // HTML blocks are dropped on purpose; custom blocks do not occur in parsed input.
            return nil
        }
    }

    private static func inlines(under node: OpaquePointer, depth: Int) -> [Inline] {
        guard depth <= maximumDepth else {
            let text = flattenedText(under: node)
            return text.isEmpty ? [] : [.text(text)]
        }
        var result = TextMerger()
        for child in children(of: node) {
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT: result.append(text: literal(child))
            case CMARK_NODE_CODE: result.append(.code(literal(child)))
            case CMARK_NODE_SOFTBREAK: result.append(.softBreak)
            case CMARK_NODE_LINEBREAK: result.append(.lineBreak)
            case CMARK_NODE_EMPH: result.append(.emphasis(inlines(under: child, depth: depth + 1)))
            case CMARK_NODE_STRONG: result.append(.strong(inlines(under: child, depth: depth + 1)))
            case CMARK_NODE_LINK:
                let url = cmark_node_get_url(child).map { String(cString: $0) }?.filter { !$0.unicodeScalars.contains(where: InputText.isForbiddenControl) } ?? ""
                result.append(.link(url: url, content: inlines(under: child, depth: depth + 1)))
            case CMARK_NODE_IMAGE:
                // Outreach materials carry no images; the description stands in as text.
                for inline in inlines(under: child, depth: depth + 1) { result.append(inline) }
            default:
                break // raw inline HTML is dropped
            }
        }
        return result.finished()
    }

    /// Joins neighbouring text runs, which cmark splits at entities and brackets.
    static func mergingText(_ inlines: [Inline]) -> [Inline] {
        var merger = TextMerger()
        for inline in inlines { merger.append(inline) }
        return merger.finished()
    }

    /// Builds a list of inlines whose neighbouring text runs are one run.
    ///
    /// The pending run grows in place, so a paragraph of thousands of text nodes
    /// (a long run of `_` is one node each) costs linear time, not quadratic.
    private struct TextMerger {
        private var result: [Inline] = []
        private var pending = ""
        private var hasPending = false

        mutating func append(text: String) {
            pending += text
            hasPending = true
        }

        mutating func append(_ inline: Inline) {
            if case .text(let text) = inline { return append(text: text) }
            flush()
            result.append(inline)
        }

        private mutating func flush() {
            if hasPending { result.append(.text(pending)) }
            pending = ""
            hasPending = false
        }

        mutating func finished() -> [Inline] {
            flush()
            return result
        }
    }
}
