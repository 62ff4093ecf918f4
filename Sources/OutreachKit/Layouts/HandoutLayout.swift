/// A short "recognize and report" handout: the reporting contacts as cards,
/// then the selected messages.
package struct HandoutLayout: Layout {
    /// Creates the layout.
    package init() {}

    package var name: String { "handout" }
    /// Printed pages, Letter and A4.
    static let pageBudget = 1
    package var summary: String { "A short recognize-and-report sheet: the reporting contacts, then the messages" }

    package func document(for input: LayoutInput) -> Document {
        // Who to contact comes first, as on printed campaign pieces: the way to report, large, on page 1.
        var extra: [String] = []
        for agency in input.agencies { extra += agency.contacts }
        var blocks = input.reportingSection(level: 2, extra: extra)
        for message in input.messages { blocks += input.section(message, level: 2) }
        let metadata = input.metadata(title: input.label(.recognizeAndReport), layout: name, pageBudget: Self.pageBudget)
        return Document(metadata: metadata, blocks: blocks)
    }
}
