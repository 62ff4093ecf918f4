/// Small pieces the built-in layouts share.
extension LayoutInput {
    /// Text in the material's locale.
    /// Text in the material's locale; a text not written in it is logged (the run reports it) and the default locale's is used.
    func text(_ text: LocalizedText) -> String {
        if let untranslated, text.values[locale] == nil, !text.values.isEmpty {
            untranslated.record(text.resolved(campaign.defaultLocale, fallback: campaign.defaultLocale))
        }
        return text.resolved(locale, fallback: campaign.defaultLocale)
    }

    /// A label in the material's locale.
    func label(_ key: LayoutLabel) -> String { strings.text(key.rawValue) }

    /// CommonMark content as blocks, its headings placed below a heading of `level`:
    /// `#` and `##` become `level + 1`, `###` becomes `level + 2`, and so on.
    func markdown(_ text: LocalizedText, below level: Int = 1) -> [Block] {
        markdown(self.text(text), below: level)
    }

    func markdown(_ source: String, below level: Int) -> [Block] {
        parsed.blocks(source).map { $0.nestingHeadings(below: level) }
    }

    /// An agency's display name: "U.S. Coast Guard (USCG)".
    func displayName(_ agency: Agency) -> String {
        let name = text(agency.name)
        guard let acronym = agency.acronym, !name.contains("(\(acronym))") else { return name }
        return "\(name) (\(acronym))"
    }

    /// A message as a titled section that records which message it is.
    func section(_ message: Message, level: Int) -> [Block] {
        shared(.message(id: message.id, locale: message.locale, level: level)) { $0.makeSection(message, level: level) }
    }

    private func makeSection(_ message: Message, level: Int) -> [Block] {
        let title = resolvingVariables(message.title)
        let placed = PlacedMessage(
            id: message.id, locale: message.locale, title: title, short: message.short.map(resolvingVariables),
            audiences: message.audiences, topics: message.topics, agencies: message.agencies,
            source: message.source)
        let blocks = [.heading(level: level, content: [.text(title)])] + markdown(resolvingVariables(message.body), below: level)
        return [.section(Section(subject: .message(placed), blocks: blocks))]
    }

    /// Blocks about an agency, as a section that records which agency it is.
    func section(_ agency: Agency, blocks: [Block]) -> Block {
        let placed = PlacedAgency(
            id: agency.id, name: text(agency.name), acronym: agency.acronym, kind: agency.kind.rawValue,
            parent: agency.parent, memberOf: agency.memberOf, contacts: agency.contacts, learnMore: agency.learnMore)
        return .section(Section(subject: .agency(placed), blocks: blocks))
    }

    /// The reporting contacts as cards, under a heading.
    func reportingSection(level: Int, extra: [String] = []) -> [Block] {
        shared(.reporting(level: level, extra: extra, partner: partner?.id)) { $0.makeReportingSection(level: level, extra: extra) }
    }

    private func makeReportingSection(level: Int, extra: [String]) -> [Block] {
        var ids = campaign.reportingContacts
        // A partner's own contacts stand next to the campaign's first (the national hotline).
        for (offset, id) in (partner?.contacts ?? []).enumerated() where !ids.contains(id) {
            ids.insert(id, at: min(ids.count, 1 + offset))
        }
        for id in extra where !ids.contains(id) { ids.append(id) }
        let cards = ids.compactMap(campaign.contact).map { Block.contactCard(card(for: $0)) }
        guard !cards.isEmpty else { return [] }
        let blocks = [.heading(level: level, content: [.text(label(.howToReport))])] + cards
        return [.section(Section(subject: .reportingContacts, blocks: blocks))]
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
        return .factList(agency.keyFacts.map { Fact(figure: text($0.figure), label: parsed.inlines(text($0.label))) })
    }

    /// An agency's responsibilities as a bulleted list.
    func responsibilities(_ agency: Agency) -> Block? {
        guard !agency.responsibilities.isEmpty else { return nil }
        return .list(ordered: false, items: agency.responsibilities.map { [.paragraph(parsed.inlines(text($0)))] })
    }

    /// An agency's programs as a bulleted list: name, summary, address.
    func programs(_ agency: Agency) -> Block? {
        guard !agency.programs.isEmpty else { return nil }
        let items: [[Block]] = agency.programs.map { program in
            var name: Inline = .strong([.text(text(program.name))])
            if let url = program.url { name = .link(url: url, content: [name]) }
            return [.paragraph([name, .text(": ")] + parsed.inlines(text(program.summary)))]
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
        for source in agencies.flatMap({ $0.keyFacts.compactMap(\.source) }).map(text) where !sources.contains(source) {
            sources.append(source)
        }
        return sources.isEmpty ? nil : label(.figuresFrom) + " " + sources.joined(separator: "; ") + "."
    }

    /// Metadata common to every layout.
    func metadata(title: String, layout: String, sourceNote: String? = nil, pageBudget: Int? = nil) -> DocumentMetadata {
        DocumentMetadata(
            title: (focus == nil ? material.title(in: locale) : nil) ?? title, subtitle: text(campaign.name), locale: locale,
            audience: audience.map { text($0.name) }, date: date, sourceNote: sourceNote,
            material: material.id, layout: layout, campaignName: text(campaign.name),
            reportingContacts: campaign.reportingContacts, pageBudget: pageBudget, strings: flattenedStrings ?? strings.flattened,
            dateText: date.map(strings.date),
            partner: partner.map { partner in
                DocumentPartner(id: partner.id, name: text(partner.name),
                                logo: partner.logo.map { DocumentImage(src: $0.src, alt: text($0.alt)) })
            }
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
        case .section(var section):
            section.blocks = section.blocks.map { $0.nestingHeadings(below: parent) }
            return .section(section)
        default: return self
        }
    }
}
