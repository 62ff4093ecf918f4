/// A fact sheet on government roles: the campaign summary, the selected
/// messages, a section for each agency, and how to report.
package struct FactSheetLayout: Layout {
    /// Creates the layout.
    package init() {}

    package var name: String { "fact-sheet" }
    package var summary: String { "Government roles: how to report, then a section for each agency" }
    /// Printed pages, Letter and A4: the front and back of one sheet.
    static let pageBudget = 2

    package func document(for input: LayoutInput) -> Document {
        // Who to contact comes right after the summary, so it is on the first printed page.
        var blocks = input.markdown(input.campaign.summary) + input.reportingSection(level: 2)
        for message in input.messages { blocks += input.section(message, level: 2) }
        for agency in input.agencies {
            blocks += input.shared(.factSheetAgency(id: agency.id)) { section(agency, $0) }
        }
        let metadata = input.metadata(
            title: input.label(.governmentRoles), layout: name, sourceNote: input.sourceNote(for: input.agencies),
            pageBudget: Self.pageBudget)
        return Document(metadata: metadata, blocks: blocks)
    }

    private func section(_ agency: Agency, _ input: LayoutInput) -> [Block] {
        var blocks: [Block] = [.heading(level: 2, content: [.text(input.displayName(agency))])]
        blocks += input.markdown(agency.role, below: 2)
        blocks += [input.responsibilities(agency), input.facts(agency), input.programs(agency)].compactMap { $0 }
        let members = input.members(of: agency)
        if !members.isEmpty {
            blocks.append(.heading(level: 3, content: [.text(input.label(.members))]))
            blocks.append(.list(ordered: false, items: members.map { [.paragraph([.text(input.displayName($0))])] }))
        }
        if let more = input.learnMore(agency) { blocks.append(more) }
        return [input.section(agency, blocks: blocks)]
    }
}
