extension Document {
    /// Every section in the document, outermost first, in document order.
    public var sections: [Section] {
        var collector = SectionCollector()
        collector.walk(self)
        return collector.sections
    }

    /// The campaign messages the layout placed, in document order, each once.
    public var placedMessages: [(message: PlacedMessage, blocks: [Block])] {
        var seen: Set<String> = []
        return sections.compactMap { section in
            guard case .message(let message) = section.subject, seen.insert(message.id).inserted else { return nil }
            return (message, section.blocks)
        }
    }

    /// The agencies the layout placed, in document order, each once.
    public var placedAgencies: [(agency: PlacedAgency, blocks: [Block])] {
        var seen: Set<String> = []
        return sections.compactMap { section in
            guard case .agency(let agency) = section.subject, seen.insert(agency.id).inserted else { return nil }
            return (agency, section.blocks)
        }
    }

    /// Every contact card in the document, in document order; a contact placed twice is listed once.
    public var contactCards: [ContactCard] {
        var collector = ContactCardCollector()
        collector.walk(self)
        return collector.cards
    }

    /// The cards of the campaign's own reporting contacts, in the order the metadata lists them.
    public var reportingContactCards: [ContactCard] {
        let cards = contactCards
        return metadata.reportingContacts.compactMap { id in cards.first { $0.id == id } }
    }
}

/// Collects sections, with the walker's defaults reaching them inside quotes, lists and callouts.
private struct SectionCollector: DocumentWalker {
    var sections: [Section] = []

    mutating func visitSection(_ section: Section) {
        sections.append(section)
        walk(section.blocks)
    }
}

/// Collects contact cards at any depth, each contact once.
private struct ContactCardCollector: DocumentWalker {
    var cards: [ContactCard] = []
    private var seen: Set<String> = []

    mutating func visitContactCard(_ card: ContactCard) {
        if let id = card.id, !seen.insert(id).inserted { return }
        cards.append(card)
    }
}
