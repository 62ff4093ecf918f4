extension Document {
    /// Every section in the document, outermost first, in document order.
    public var sections: [Section] {
        var found: [Section] = []
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .section(let section):
                    found.append(section)
                    visit(section.blocks)
                case .quote(let inner): visit(inner)
                case .list(_, let items): items.forEach(visit)
                case .callout(let callout): visit(callout.blocks)
                default: break
                }
            }
        }
        visit(blocks)
        return found
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
        var cards: [ContactCard] = []
        var seen: Set<String> = []
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .contactCard(let card):
                    if let id = card.id, !seen.insert(id).inserted { continue }
                    cards.append(card)
                case .section(let section): visit(section.blocks)
                case .quote(let inner): visit(inner)
                case .list(_, let items): items.forEach(visit)
                case .callout(let callout): visit(callout.blocks)
                default: break
                }
            }
        }
        visit(blocks)
        return cards
    }

    /// The cards of the campaign's own reporting contacts, in the order the metadata lists them.
    public var reportingContactCards: [ContactCard] {
        let cards = contactCards
        return metadata.reportingContacts.compactMap { id in cards.first { $0.id == id } }
    }
}
