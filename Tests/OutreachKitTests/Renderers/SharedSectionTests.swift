import Foundation
import Testing
@testable import OutreachKit

/// Sections a run shares among its pages (``SectionInterner``) are written once per context and
/// copied after: every page must still read byte for byte as if it had been written on its own.
@Suite struct SharedSectionTests {
    typealias SeededGenerator = RendererPropertyTests.SeededGenerator

    /// Random documents that place a few sections among other blocks. Lists right before a section
    /// (its first block may be a list too), headings of every level, message sections in another
    /// locale, and contact cards with QR codes are the contexts a section's text depends on.
    static func documents(count: Int, seed: UInt64) -> [Document] {
        var random = SeededGenerator(state: seed)
        let words = ["a", "*", "-", "1.", "#", "<b>", "&", "é", "שלום", "long-unbreakable-address.example.org", "`x`", "[x]"]
        func text() -> String { (0...random.below(6)).map { _ in words[random.below(words.count)] }.joined(separator: " ") }
        func list() -> Block {
            .list(ordered: random.below(2) == 0, items: (0...random.below(2)).map { _ in [.paragraph([.text(text())])] })
        }
        func block() -> Block {
            switch random.below(6) {
            case 0: return .heading(level: 1 + random.below(6), content: [.text(text())])
            case 1, 2: return list()
            case 3: return .contactCard(ContactCard(name: text(), entries: [.init(label: "Call", value: "711", url: "tel:711")],
                                                    qrTarget: random.below(2) == 0 ? "https://example.org/\(random.below(3))" : nil))
            case 4: return .quote([.paragraph([.text(text())])])
            default: return .paragraph([.text(text())])
            }
        }
        let subjects: [Section.Subject] = [
            .message(PlacedMessage(id: "m1", locale: "en", title: "One")),
            .message(PlacedMessage(id: "m2", locale: "es", title: "Dos")),
            .message(PlacedMessage(id: "m3", locale: "ar", title: "Three")),
            .agency(PlacedAgency(id: "a", name: "Agency", kind: "dhs-component")),
            .reportingContacts,
        ]
        let pool: [Section] = (0..<8).map { index in
            Section(subject: subjects[index % subjects.count], blocks: (0...random.below(4)).map { _ in block() })
        }
        return (0..<count).map { index in
            var blocks: [Block] = []
            for _ in 0...random.below(8) {
                blocks.append(random.below(2) == 0 ? .section(pool[random.below(pool.count)]) : block())
            }
            return Document(metadata: SampleDocuments.metadata(locale: ["en", "es"][index % 2]), blocks: blocks)
        }
    }

    static func render(_ document: Document) async throws -> [String] {
        var texts: [String] = []
        for options in [RenderOptions(), RenderOptions(textWidth: 30, asciiOnly: true), RenderOptions(qrCodes: false)] {
            for renderer in [MarkdownRenderer(), PlainTextRenderer(), HTMLRenderer()] as [any Renderer] {
                let rendered = try await renderer.render(document, options: options)
                texts.append(String(decoding: rendered.files.first?.contents ?? Data(), as: UTF8.self))
            }
        }
        return texts
    }

    @Test func sharedSectionsReadAsTheyWouldOnTheirOwn() async throws {
        let documents = Self.documents(count: 120, seed: 11)
        let interner = SectionInterner()
        var sharedCount = 0
        for document in documents {
            let own = document.normalizedHeadings()
            let shared = interner.sharing(document).normalizedHeadings()
            sharedCount += shared.blocks.filter { if case .section(let section) = $0 { section.share != nil } else { false } }.count
            #expect(shared == own)
            #expect(shared.digest == own.digest)
            let expected = try await Self.render(own)
            // Twice: the second time every shared section is copied.
            for _ in 0..<2 {
                let actual = try await Self.render(shared)
                #expect(actual == expected)
                if actual != expected { return }
            }
        }
        #expect(sharedCount > 100, "the documents share few sections: \(sharedCount)")
    }

    @Test func equalSectionsBecomeOneAndAChangeLetsTheShareGo() throws {
        let interner = SectionInterner()
        let section = Section(subject: .reportingContacts, blocks: [.paragraph([.text("Call 711")])])
        let first = interner.shared(section)
        let second = interner.shared(Section(subject: .reportingContacts, blocks: [.paragraph([.text("Call 711")])]))
        #expect(first.share != nil)
        #expect(first.share === second.share)
        var changed = first
        changed.blocks.append(.thematicBreak)
        #expect(changed.share == nil)
        #expect(changed != first)
        var moved = first
        moved.subject = .message(PlacedMessage(id: "m", locale: "en", title: "M"))
        #expect(moved.share == nil)
        let other = interner.shared(Section(subject: .reportingContacts, blocks: [.paragraph([.text("Call 911")])]))
        #expect(other.share !== first.share)
        // Encoded, a shared section is its value alone.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(first) == encoder.encode(section))
    }

    /// Past its limit the table starts over: it holds at most that many sections, whatever the kit.
    @Test func theTableIsBounded() {
        let interner = SectionInterner(limit: 4)
        let sections = (0..<10).map { Section(subject: .reportingContacts, blocks: [.paragraph([.text("\($0)")])]) }
        let shared = sections.map(interner.shared)
        #expect(interner.count <= 4)
        #expect(zip(shared, sections).allSatisfy { $0 == $1 && $0.share != nil })
    }
}
