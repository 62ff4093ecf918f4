internal import CCmark

/// Parses CommonMark into ``Block`` values with libcmark.
///
/// Every cmark call in outreach lives in this file. Raw HTML, blocks and
/// inline, is dropped: content never passes markup through to a page.
package enum CommonMark {
    /// Parses `markdown` into blocks.
    package static func parse(_ markdown: String) -> [Block] {
        let parsed = markdown.withCString { pointer in
            cmark_parse_document(pointer, markdown.utf8.count, CMARK_OPT_DEFAULT)
        }
        guard let root = parsed else { return [] }
        defer { cmark_node_free(root) }
        return blocks(under: root)
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

    private static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func blocks(under node: OpaquePointer) -> [Block] {
        children(of: node).compactMap(block)
    }

    private static func block(_ node: OpaquePointer) -> Block? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            let content = inlines(under: node)
            return content.isEmpty ? nil : .paragraph(content)
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), content: inlines(under: node))
        case CMARK_NODE_BLOCK_QUOTE:
            return .quote(blocks(under: node))
        case CMARK_NODE_LIST:
            let items = children(of: node).map { blocks(under: $0) }
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

    private static func inlines(under node: OpaquePointer) -> [Inline] {
        var result: [Inline] = []
        for child in children(of: node) {
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT: result.append(.text(literal(child)))
            case CMARK_NODE_CODE: result.append(.code(literal(child)))
            case CMARK_NODE_SOFTBREAK: result.append(.softBreak)
            case CMARK_NODE_LINEBREAK: result.append(.lineBreak)
            case CMARK_NODE_EMPH: result.append(.emphasis(inlines(under: child)))
            case CMARK_NODE_STRONG: result.append(.strong(inlines(under: child)))
            case CMARK_NODE_LINK:
                let url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
                result.append(.link(url: url, content: inlines(under: child)))
            case CMARK_NODE_IMAGE:
                // Outreach materials carry no images; the description stands in as text.
                result += inlines(under: child)
            default:
                break // raw inline HTML is dropped
            }
        }
        return mergingText(result)
    }

    /// Joins neighbouring text runs, which cmark splits at entities and brackets.
    static func mergingText(_ inlines: [Inline]) -> [Inline] {
        var result: [Inline] = []
        for inline in inlines {
            if case .text(let next) = inline, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + next)
            } else {
                result.append(inline)
            }
        }
        return result
    }
}
