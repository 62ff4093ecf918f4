/// Visits a document's blocks and inlines in order, depth first.
///
/// Conform, implement the `visit` methods for the nodes you care about, and
/// call ``walk(_:)-(Document)``. Every method has a default: a container
/// (section, list, quote, callout, and the inline containers) walks its
/// children; a leaf does nothing. So a renderer written as a walker keeps
/// working when a block kind is added: the new kind gets a default that walks
/// its children. (A `switch` over ``Block`` must list every case and breaks.)
///
/// ```swift
/// struct Outline: DocumentWalker {
///     var lines: [String] = []
///     mutating func visitHeading(level: Int, content: [Inline]) {
///         lines.append(String(repeating: "  ", count: level - 1) + content.plainText)
///     }
/// }
/// var outline = Outline()
/// outline.walk(document)
/// ```
///
/// A ``Section`` is walked through by default, so headings and cards inside
/// one are visited like any other; override ``visitSection(_:)`` to learn
/// which message or agency they belong to, and call `walk(section.blocks)`
/// to go on.
public protocol DocumentWalker {
    /// A heading; the default walks its content.
    mutating func visitHeading(level: Int, content: [Inline])
    /// A paragraph; the default walks its content.
    mutating func visitParagraph(_ content: [Inline])
    /// A list; the default walks each item's blocks.
    mutating func visitList(ordered: Bool, items: [[Block]])
    /// A block quote; the default walks its blocks.
    mutating func visitQuote(_ blocks: [Block])
    /// Preformatted text; the default does nothing.
    mutating func visitCode(_ text: String)
    /// A table; the default walks every cell, header first.
    mutating func visitTable(header: [[Inline]], rows: [[[Inline]]])
    /// A callout; the default walks its blocks.
    mutating func visitCallout(_ callout: Callout)
    /// A contact card; the default walks its notes.
    mutating func visitContactCard(_ card: ContactCard)
    /// Figures; the default walks each label.
    mutating func visitFactList(_ facts: [Fact])
    /// A thematic break; the default does nothing.
    mutating func visitThematicBreak()
    /// A section a layout placed; the default walks its blocks.
    mutating func visitSection(_ section: Section)

    /// Plain text; the default does nothing.
    mutating func visitText(_ text: String)
    /// Emphasis; the default walks its content.
    mutating func visitEmphasis(_ content: [Inline])
    /// Strong emphasis; the default walks its content.
    mutating func visitStrong(_ content: [Inline])
    /// Inline code; the default does nothing.
    mutating func visitInlineCode(_ text: String)
    /// A link; the default walks its content.
    mutating func visitLink(url: String, content: [Inline])
    /// A hard line break; the default does nothing.
    mutating func visitLineBreak()
    /// A soft line break; the default does nothing.
    mutating func visitSoftBreak()
}

extension DocumentWalker {
    /// Walks every block of the document.
    public mutating func walk(_ document: Document) { walk(document.blocks) }

    /// Visits each block in order.
    public mutating func walk(_ blocks: [Block]) {
        for block in blocks { visit(block) }
    }

    /// Visits each inline in order.
    public mutating func walk(_ inlines: [Inline]) {
        for inline in inlines { visit(inline) }
    }

    /// Calls the `visit` method for the block's kind.
    public mutating func visit(_ block: Block) {
        switch block {
        case .heading(let level, let content): visitHeading(level: level, content: content)
        case .paragraph(let content): visitParagraph(content)
        case .list(let ordered, let items): visitList(ordered: ordered, items: items)
        case .quote(let blocks): visitQuote(blocks)
        case .code(let text): visitCode(text)
        case .table(let header, let rows): visitTable(header: header, rows: rows)
        case .callout(let callout): visitCallout(callout)
        case .contactCard(let card): visitContactCard(card)
        case .factList(let facts): visitFactList(facts)
        case .thematicBreak: visitThematicBreak()
        case .section(let section): visitSection(section)
        }
    }

    /// Calls the `visit` method for the inline's kind.
    public mutating func visit(_ inline: Inline) {
        switch inline {
        case .text(let text): visitText(text)
        case .emphasis(let content): visitEmphasis(content)
        case .strong(let content): visitStrong(content)
        case .code(let text): visitInlineCode(text)
        case .link(let url, let content): visitLink(url: url, content: content)
        case .lineBreak: visitLineBreak()
        case .softBreak: visitSoftBreak()
        }
    }

    public mutating func visitHeading(level: Int, content: [Inline]) { walk(content) }
    public mutating func visitParagraph(_ content: [Inline]) { walk(content) }
    public mutating func visitList(ordered: Bool, items: [[Block]]) { for item in items { walk(item) } }
    public mutating func visitQuote(_ blocks: [Block]) { walk(blocks) }
    public mutating func visitCode(_ text: String) {}
    public mutating func visitTable(header: [[Inline]], rows: [[[Inline]]]) {
        for cell in header { walk(cell) }
        for row in rows { for cell in row { walk(cell) } }
    }
    public mutating func visitCallout(_ callout: Callout) { walk(callout.blocks) }
    public mutating func visitContactCard(_ card: ContactCard) { for note in card.notes { walk(note) } }
    public mutating func visitFactList(_ facts: [Fact]) { for fact in facts { walk(fact.label) } }
    public mutating func visitThematicBreak() {}
    public mutating func visitSection(_ section: Section) { walk(section.blocks) }
    public mutating func visitText(_ text: String) {}
    public mutating func visitEmphasis(_ content: [Inline]) { walk(content) }
    public mutating func visitStrong(_ content: [Inline]) { walk(content) }
    public mutating func visitInlineCode(_ text: String) {}
    public mutating func visitLink(url: String, content: [Inline]) { walk(content) }
    public mutating func visitLineBreak() {}
    public mutating func visitSoftBreak() {}
}
