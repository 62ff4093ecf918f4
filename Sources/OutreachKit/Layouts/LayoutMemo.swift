import Foundation

/// Blocks a layout makes the same way on many pages, made once per run.
///
/// A message's section, an agency's section and the reporting contacts depend only on the
/// campaign, the locale and a few ids, yet a kit lays them out on thousands of pages. The memo
/// keeps each one, with its sections shared (``SectionInterner``) so that each renderer writes
/// them once per context, and with the texts it used untranslated, which every page that places
/// it records again. It grows with the content, not with the number of materials; past its limit
/// it starts over. Any thread may use it.
final class LayoutMemo: @unchecked Sendable {
    private let made: MemoTable<Key, Made>
    /// Where the memo's sections are shared.
    let sections: SectionInterner

    /// At most `limit` lists (each some KB), for the reason ``SectionInterner`` gives.
    init(sections: SectionInterner, limit: Int = 1024) {
        self.sections = sections
        made = MemoTable(limit: limit)
    }

    struct Key: Hashable, Sendable {
        let locale: String
        let what: What
    }

    /// What a list of blocks is, besides the campaign and the locale. One concrete type, so a
    /// lookup hashes and compares its fields directly: it was an `AnyHashable`, whose boxing and
    /// casts cost more than the lookup.
    enum What: Hashable, Sendable {
        /// An agency's section on a fact sheet: it depends on the agency alone.
        case factSheetAgency(id: String)
        /// An agency's own section on its profile, with the messages about it placed there (id and locale).
        case agencyProfile(id: String, messages: [[String]])
        /// A message as a section at a heading level.
        case message(id: String, locale: String, level: Int)
        /// The reporting contacts at a heading level, with an agency's extra contacts and the partner's own.
        case reporting(level: Int, extra: [String], partner: String?)
    }

    struct Made: Sendable {
        let blocks: [Block]
        let untranslated: [String]
    }

    /// The blocks kept for `key`, made now by `make` when there are none.
    func value(for key: Key, make: () -> Made) -> Made { made.value(for: key, make: make) }

    /// How many blocks lists the memo holds.
    var count: Int { made.count }
}

extension LayoutInput {
    /// The blocks `make` lays out, made once per run for this locale and `key`, which must name
    /// everything besides the campaign, the locale and its words that they depend on. Texts used
    /// untranslated are recorded as `make` would record them. Without a run's memo, made now.
    func shared(_ key: LayoutMemo.What, make: (LayoutInput) -> [Block]) -> [Block] {
        guard let memo else { return make(self) }
        let made = memo.value(for: LayoutMemo.Key(locale: locale, what: key)) {
            // Made with a log of its own, so what it used is known apart from what the page used before.
            var own = self
            own.untranslated = untranslated == nil ? nil : UntranslatedTextLog()
            let blocks = make(own).map { block -> Block in
                guard case .section(let section) = block, section.share == nil else { return block }
                return .section(memo.sections.shared(section))
            }
            return LayoutMemo.Made(blocks: blocks, untranslated: own.untranslated?.recorded ?? [])
        }
        // Every page that places the blocks records what they used untranslated, made now or before.
        if let untranslated { for text in made.untranslated { untranslated.record(text) } }
        return made.blocks
    }
}
