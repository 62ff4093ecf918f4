/// Small pieces the built-in layouts share.
extension LayoutInput {
    /// Text in the material's locale.
    func text(_ text: LocalizedText) -> String { text.resolved(locale, fallback: campaign.defaultLocale) }

    /// A label in the material's locale.
    func label(_ key: LayoutLabel) -> String { key.text(locale) }

    /// CommonMark content as blocks, its headings placed below a heading of `level`:
    /// `#` and `##` become `level + 1`, `###` becomes `level + 2`, and so on.
    func markdown(_ text: LocalizedText, below level: Int = 1) -> [Block] {
        markdown(self.text(text), below: level)
    }

    func markdown(_ source: String, below level: Int) -> [Block] {
        CommonMark.parse(source).map { $0.nestingHeadings(below: level) }
    }

    /// An agency's display name: "U.S. Coast Guard (USCG)".
    func displayName(_ agency: Agency) -> String {
        let name = text(agency.name)
        guard let acronym = agency.acronym, !name.contains("(\(acronym))") else { return name }
        return "\(name) (\(acronym))"
    }

    /// A message as a titled section.
    func section(_ message: Message, level: Int) -> [Block] {
        [.heading(level: level, content: [.text(message.title)])] + markdown(message.body, below: level)
    }

    /// The reporting contacts as cards, under a heading.
    func reportingSection(level: Int, extra: [String] = []) -> [Block] {
        var ids = campaign.reportingContacts
        for id in extra where !ids.contains(id) { ids.append(id) }
        let cards = ids.compactMap(campaign.contact).map { Block.contactCard(card(for: $0)) }
        guard !cards.isEmpty else { return [] }
        return [.heading(level: level, content: [.text(label(.howToReport))])] + cards
    }

    /// A "Learn more" line linking to an agency's page.
    func learnMore(_ agency: Agency) -> Block? {
        guard let url = agency.learnMore else { return nil }
        let linkText = label(.websiteOf).filling(["name": text(agency.name)])
        return .paragraph([.text(label(.learnMore) + " "), .link(url: url, content: [.text(linkText)]), .text(".")])
    }

    /// An agency's key facts.
    func facts(_ agency: Agency) -> Block? {
        guard !agency.keyFacts.isEmpty else { return nil }
        return .factList(agency.keyFacts.map { Fact(figure: $0.figure, label: CommonMark.parseInline(text($0.label))) })
    }

    /// An agency's responsibilities as a bulleted list.
    func responsibilities(_ agency: Agency) -> Block? {
        guard !agency.responsibilities.isEmpty else { return nil }
        return .list(ordered: false, items: agency.responsibilities.map { [.paragraph(CommonMark.parseInline(text($0)))] })
    }

    /// An agency's programs as a bulleted list: name, summary, address.
    func programs(_ agency: Agency) -> Block? {
        guard !agency.programs.isEmpty else { return nil }
        let items: [[Block]] = agency.programs.map { program in
            var name: Inline = .strong([.text(text(program.name))])
            if let url = program.url { name = .link(url: url, content: [name]) }
            return [.paragraph([name, .text(": ")] + CommonMark.parseInline(text(program.summary)))]
        }
        return .list(ordered: false, items: items)
    }

    /// The agencies that list `agency` in their `memberOf`, in content order.
    func members(of agency: Agency) -> [Agency] {
        campaign.agencies.filter { $0.memberOf.contains(agency.id) }
    }

    /// "Figures: ..." naming the sources of the facts shown, or nil.
    func sourceNote(for agencies: [Agency]) -> String? {
        var sources: [String] = []
        for source in agencies.flatMap({ $0.keyFacts.compactMap(\.source) }) where !sources.contains(source) {
            sources.append(source)
        }
        return sources.isEmpty ? nil : label(.figuresFrom) + " " + sources.joined(separator: "; ") + "."
    }

    /// Metadata common to every layout.
    func metadata(title: String, layout: String, sourceNote: String? = nil) -> DocumentMetadata {
        DocumentMetadata(
            title: (focus == nil ? material.title : nil) ?? title, subtitle: text(campaign.name), locale: locale,
            audience: audience.map { text($0.name) }, date: date, sourceNote: sourceNote,
            material: material.id, layout: layout
        )
    }
}

extension Block {
    /// The block with every heading inside it placed below a heading of `parent` level.
    func nestingHeadings(below parent: Int) -> Block {
        switch self {
        case .heading(let level, let content): return .heading(level: parent + max(level - 1, 1), content: content)
        case .quote(let blocks): return .quote(blocks.map { $0.nestingHeadings(below: parent) })
        case .list(let ordered, let items):
            return .list(ordered: ordered, items: items.map { $0.map { $0.nestingHeadings(below: parent) } })
        default: return self
        }
    }
}
