/// A sheet of printed cards (wallet cards): which message goes in each slot,
/// and whether each card's text fits the lines a card holds.
///
/// `format.yml` gives the sheet's design (`cards: {perSheet, lines, columns}`);
/// the manifest's options for the format choose what to print: `cards` (message
/// ids, default every message of the document) and `fill` (`cycle`, the default:
/// a, b, c, a, b, ...; or `repeat`: each card in a run, a, a, a, b, b, ...).
/// Every slot is filled.
struct CardSheet: Sendable, Hashable {
    /// Slots a sheet holds.
    var perSheet: Int
    /// Lines of text a card holds at its type size, measured in Chromium.
    var lines: Int
    /// Characters a line holds, measured the same way.
    var columns: Int

    /// How the slots are filled.
    enum Fill: String, CaseIterable { case cycle, `repeat` }

    /// The messages for the sheet's slots, or an error naming a message id the document does not have.
    func slots(of messages: [PlacedMessage], options: [String: JSONValue]) throws(Diagnostic) -> [PlacedMessage] {
        var chosen = messages
        if case .array(let ids)? = options["cards"] {
            chosen = []
            for case .string(let id) in ids {
                guard let message = messages.first(where: { $0.id == id }) else {
                    throw .error(.renderFailed, "the 'cards' option names message \(quoted(id)), which this material does not include",
                                 hint: "messages: \(quotedList(messages.map(\.id)))")
                }
                chosen.append(message)
            }
        }
        guard !chosen.isEmpty else { return [] }
        var fill = Fill.cycle
        if case .string(let name)? = options["fill"] {
            guard let value = Fill(rawValue: name) else {
                throw .error(.renderFailed, "unknown fill \(quoted(name))", hint: "valid choices: \(quotedList(Fill.allCases.map(\.rawValue)))")
            }
            fill = value
        }
        switch fill {
        case .cycle:
            return (0..<perSheet).map { chosen[$0 % chosen.count] }
        case .repeat:
            // Each card gets an equal run; the first ones take one more slot when it does not divide evenly.
            let base = perSheet / chosen.count, extra = perSheet % chosen.count
            return chosen.enumerated().flatMap { index, message in
                Array(repeating: message, count: base + (index < extra ? 1 : 0))
            }
        }
    }

    /// Lines `text` takes when wrapped at `columns` characters, words kept whole.
    func lineCount(_ text: String) -> Int {
        var count = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = 0
            count += 1
            for word in paragraph.split(separator: " ") {
                let length = word.count
                if line == 0 { line = length } else if line + 1 + length <= columns { line += 1 + length } else { count += 1; line = length }
                while line > columns { count += 1; line -= columns }
            }
        }
        return count
    }

    /// Lines one card needs: its title (set larger, so at about 0.8 of the columns),
    /// its short text, and the contacts' lines, given as text.
    func linesNeeded(title: String, short: String?, contactLines: [String]) -> Int {
        let titleSheet = CardSheet(perSheet: perSheet, lines: lines, columns: max(1, columns * 4 / 5))
        return titleSheet.lineCount(title) + (short.map(lineCount) ?? 0) + contactLines.map(lineCount).reduce(0, +)
    }
}

extension CardSheet {
    /// An error for each card on the sheet whose text needs more lines than a card
    /// holds, located at the message's file.
    func overBudget(_ sheet: [PlacedMessage], contacts: [ContactCard]) -> [Diagnostic] {
        let contactLines = contacts.flatMap(Self.lines)
        var seen: Set<String> = []
        return sheet.compactMap { message in
            guard seen.insert(message.id).inserted else { return nil }
            let needed = linesNeeded(title: message.title, short: message.short, contactLines: contactLines)
            guard needed > lines else { return nil }
            return .error(.cardOverBudget,
                          "the card for message \(quoted(message.id)) needs \(needed) lines; a card holds \(lines) of \(columns) characters",
                          at: message.source.map { SourceLocation(file: $0) },
                          hint: "shorten its title or 'short' text, or leave it out with the format's 'cards' option")
        }
    }

    /// A contact as a card prints it: its name, its ways to reach it on one line, and an NGO's note.
    static func lines(_ card: ContactCard) -> [String] {
        var ways: [String] = []
        if let phone = card.phone { ways.append("Call \(phone.number)") }
        for other in card.otherPhones { ways.append("\(other.label ?? ""): \(other.number)") }
        if let line = card.textLine { ways.append("Text \(line.keywords.joined(separator: " or ")) to \(line.shortCode)") }
        if let tty = card.tty { ways.append("TTY \(tty.number)") }
        if let website = card.website { ways.append(website.display) }
        var lines = [card.name, ways.joined(separator: " ")]
        if let operatedBy = card.operatedBy, operatedBy.isNonGovernmental {
            lines.append("Run by \(operatedBy.name), a non-governmental organization")
        }
        return lines
    }
}
