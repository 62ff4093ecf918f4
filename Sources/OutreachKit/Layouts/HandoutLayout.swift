/// A short "recognize and report" handout: the selected messages, then the
/// reporting contacts as cards.
package struct HandoutLayout: Layout {
    /// Creates the layout.
    package init() {}

    package var name: String { "handout" }
    package var summary: String { "A short recognize-and-report sheet with the reporting contacts" }

    package func document(for input: LayoutInput) -> Document {
        var blocks: [Block] = []
        for message in input.messages { blocks += input.section(message, level: 2) }
        var extra: [String] = []
        for agency in input.agencies { extra += agency.contacts }
        blocks += input.reportingSection(level: 2, extra: extra)
        return Document(metadata: input.metadata(title: input.label(.recognizeAndReport), layout: name), blocks: blocks)
    }
}
