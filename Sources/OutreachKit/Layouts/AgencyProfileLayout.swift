/// A profile of one agency: its role, what it does, its figures and programs,
/// the messages about it, and how to reach it.
///
/// Used with `each: agency`, it makes one profile per selected agency;
/// otherwise it profiles the first selected agency.
package struct AgencyProfileLayout: Layout {
    /// Creates the layout.
    package init() {}

    package var name: String { "agency-profile" }
    /// Printed pages, Letter and A4.
    static let pageBudget = 1
    package var summary: String { "One agency: role, responsibilities, figures, programs and contacts" }

    package func document(for input: LayoutInput) -> Document {
        guard let agency = input.focus ?? input.agencies.first else {
            return Document(metadata: input.metadata(title: input.text(input.campaign.name), layout: name), blocks: [])
        }
        let related = input.messages.filter { $0.agencies.contains(agency.id) }
        let key = LayoutMemo.What.agencyProfile(id: agency.id, messages: related.map { [$0.id, $0.locale] })
        let blocks = input.shared(key) { profile(agency, related: related, $0) } + input.reportingSection(level: 2, extra: agency.contacts)
        let metadata = input.metadata(
            title: input.displayName(agency), layout: name, sourceNote: input.sourceNote(for: [agency]),
            pageBudget: Self.pageBudget)
        return Document(metadata: metadata, blocks: blocks)
    }

    private func profile(_ agency: Agency, related: [Message], _ input: LayoutInput) -> [Block] {
        var blocks = input.markdown(agency.role)
        if let parent = agency.parent.flatMap(input.campaign.agency) {
            blocks.append(.paragraph([.text(input.label(.partOf).filling(["name": input.displayName(parent)]))]))
        }
        if let list = input.responsibilities(agency) {
            blocks += [.heading(level: 2, content: [.text(input.label(.whatItDoes))]), list]
        }
        if let facts = input.facts(agency) {
            blocks += [.heading(level: 2, content: [.text(input.label(.byTheNumbers))]), facts]
        }
        if let programs = input.programs(agency) {
            blocks += [.heading(level: 2, content: [.text(input.label(.programs))]), programs]
        }
        for message in related { blocks += input.section(message, level: 2) }
        if let more = input.learnMore(agency) { blocks.append(more) }
        return [input.section(agency, blocks: blocks)]
    }
}
