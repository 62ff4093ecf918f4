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
    /// Lines of body text a card holds, its title's and contacts' lines included,
    /// measured in Chromium (see `Examples/formats/wallet-card/format.yml`).
    var lines: Int
    /// A line's width in average characters of half an em: 44 is 22 em, the
    /// 2.5 in text column of the example's card at 8 pt. Each character is measured
    /// with the font's own width (``GlyphWidths``), so "mmm" fills more than "iii".
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

    /// How a card sets a piece of its text: the face, and the type size as a
    /// multiple of the card's body size (the title is larger).
    struct Style: Sendable {
        var bold = false
        var scale = 1.0
        /// The card's body text (8 pt in the example's wallet card).
        static let body = Style()
        /// A contact's name.
        static let name = Style(bold: true)
        /// The message's title on the card: bold, 9.5 pt against 8 pt.
        static let title = Style(bold: true, scale: 9.5 / 8)
    }

    /// A line's width in thousandths of an em of the body type: `columns` characters of half an em.
    var lineWidth: Double { Double(columns) * 500 }

    /// Lines `text` takes in `style`, wrapped between words as a browser wraps it, each word
    /// measured with the widths of the font the card prints in (``GlyphWidths``). A word
    /// wider than a line takes the lines it needs. Each paragraph (`\n`) starts a new line.
    func lineCount(_ text: String, style: Style = .body) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { count, paragraph in
            count + lineCount(words: paragraph.split(separator: " ").map { ($0, 0) }, style: style)
        }
    }

    /// Lines a run of words takes: each word with the extra space before it (beyond a
    /// space's width), in thousandths of an em of `style`. Always at least one line.
    func lineCount(words: [(text: Substring, extraGap: Double)], style: Style) -> Int {
        let available = lineWidth / style.scale
        let space = GlyphWidths.width(of: " ", bold: style.bold)
        var count = 1
        var line = 0.0
        for (index, word) in words.enumerated() {
            let width = GlyphWidths.width(of: word.text, bold: style.bold)
            let gap = index == 0 ? 0 : space + word.extraGap
            if line > 0 && line + gap + width > available {
                count += 1
                line = 0
            }
            line += line > 0 ? gap + width : width
            while line > available {
                count += 1
                line -= available
            }
        }
        return count
    }

    /// Lines one card needs: its title, its short text, and the contacts' lines.
    func linesNeeded(title: String, short: String?, contacts: [ContactContext], strings: [String: String]) -> Int {
        lineCount(title, style: .title) + (short.map { lineCount($0) } ?? 0)
            + contacts.map { contactLines($0, strings: strings) }.reduce(0, +)
    }

    /// Lines a contact takes as the wallet card prints it (`contacts.mustache`): its name in bold;
    /// its ways to reach it in the document's words, each number kept whole and each way followed
    /// by 0.35 em; and the note of who runs it when that is a non-governmental organization.
    func contactLines(_ contact: ContactContext, strings: [String: String]) -> Int {
        func words(_ text: String) -> [Substring] { text.split(separator: " ") }
        var ways: [[Substring]] = []
        if let phone = contact.phone { ways.append(words(strings["call"] ?? "") + [Substring(phone)]) }
        for other in contact.otherPhones { ways.append(words("\(other.label ?? ""):") + [Substring(other.number)]) }
        if let text = contact.text {
            let keywords = text.keywords.joined(separator: " \(strings["or"] ?? "") ")
            ways.append(words("\(strings["text"] ?? "") \(keywords) \(strings["to"] ?? "") \(text.shortCode)"))
        }
        if let tty = contact.tty { ways.append(words(strings["tty"] ?? "") + [Substring(tty)]) }
        if let url = contact.displayURL { ways.append([Substring(url)]) }
        // Every way after the first has the 0.35 em margin of the one before it.
        let gapped = ways.enumerated().flatMap { index, way in
            way.enumerated().map { position, word in (text: word, extraGap: index > 0 && position == 0 ? 350.0 : 0) }
        }
        var lines = lineCount(contact.name, style: .name) + (gapped.isEmpty ? 0 : lineCount(words: gapped, style: .body))
        if let operatedBy = contact.operatedBy, operatedBy.isNonGovernmental { lines += lineCount(operatedBy.line) }
        return lines
    }
}

extension CardSheet {
    /// An error for each card on the sheet whose text needs more lines than a card
    /// holds, located at the message's file. `contacts` and `strings` are what the
    /// card prints: the reporting contacts, in the document's words.
    func overBudget(_ sheet: [PlacedMessage], contacts: [ContactContext], strings: [String: String]) -> [Diagnostic] {
        var seen: Set<String> = []
        return sheet.compactMap { message in
            guard seen.insert(message.id).inserted else { return nil }
            let needed = linesNeeded(title: message.title, short: message.short, contacts: contacts, strings: strings)
            guard needed > lines else { return nil }
            return .error(.cardOverBudget,
                          "the card for message \(quoted(message.id)) needs \(needed) lines; a card holds \(lines) lines of about \(columns) characters",
                          at: message.source.map { SourceLocation(file: $0) },
                          hint: "shorten its title or 'short' text, or leave it out with the format's 'cards' option")
        }
    }
}
