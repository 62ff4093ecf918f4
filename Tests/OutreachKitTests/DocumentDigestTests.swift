import Foundation
import Testing
@testable import OutreachKit

/// The render cache's document digest: SHA-256 over an encoding that tells every tree shape apart.
@Suite struct DocumentDigestTests {
    static let metadata = DocumentMetadata(title: "T", locale: "en", material: "m", layout: "handout")

    static func digest(_ blocks: [Block]) -> String { Document(metadata: metadata, blocks: blocks).digest.hex }

    /// The digest buffers short values before hashing them; its value is still SHA-256 over the
    /// plain encoding (tag, 8-byte little-endian length, bytes), whether values are short, cross the
    /// buffer's end or are longer than it.
    @Test func theBufferedDigestIsSHA256OfTheEncoding() {
        func header(_ tag: UInt8, _ length: Int) -> [UInt8] {
            [tag] + (0..<8).map { UInt8(truncatingIfNeeded: UInt64(length) >> (8 * UInt64($0))) }
        }
        for sizes in [[0, 1, 5], Array(repeating: 300, count: 40), [4095, 1, 4096, 4097, 9000, 3], [10_000]] {
            var digest = ContentDigest()
            var encoding: [UInt8] = []
            for (index, size) in sizes.enumerated() {
                let text = String(repeating: "é" + String(index % 10), count: size / 3 + 1)
                digest.add(text)
                encoding += header(0x73, text.utf8.count) + Array(text.utf8)
                digest.add(size)
                encoding += header(0x69, size)
            }
            #expect(digest.hex == ContentDigest.hex(of: Data(encoding)), "sizes \(sizes)")
            var outer = ContentDigest()
            outer.add(digest)
            #expect(outer.hex == ContentDigest.hex(of: Data(header(0x68, 32) + digest.bytes)))
            var fromBytes = ContentDigest()
            fromBytes.add(digestBytes: digest.bytes)
            #expect(fromBytes == outer)
        }
    }

    @Test func tablesWhoseRowsSplitTheSameCellsDifferentlyDiffer() {
        let cells: [[Inline]] = ["a", "b", "c", "d"].map { [.text($0)] }
        let oneThree = Self.digest([.table(header: [], rows: [Array(cells[0..<1]), Array(cells[1...])])])
        let twoTwo = Self.digest([.table(header: [], rows: [Array(cells[0..<2]), Array(cells[2...])])])
        let headerFirst = Self.digest([.table(header: [cells[0]], rows: [Array(cells[1...])])])
        let allInOneRow = Self.digest([.table(header: [], rows: [cells])])
        #expect(Set([oneThree, twoTwo, headerFirst, allInOneRow]).count == 4)
        #expect(oneThree.count == 64 && oneThree.allSatisfy(\.isHexDigit))
    }

    @Test func textSplitDifferentlyDiffers() {
        #expect(Self.digest([.paragraph([.text("ab"), .text("c")])]) != Self.digest([.paragraph([.text("a"), .text("bc")])]))
        #expect(Self.digest([.paragraph([.text("a")]), .paragraph([.text("b")])])
                != Self.digest([.paragraph([.text("a"), .text("b")])]))
        #expect(Self.digest([.list(ordered: false, items: [[.paragraph([.text("a")])], [.paragraph([.text("b")])]])])
                != Self.digest([.list(ordered: false, items: [[.paragraph([.text("a")]), .paragraph([.text("b")])]])]))
    }

    @Test func whatASectionIsAboutAndACardsTypedFieldsCount() {
        let body: [Block] = [.heading(level: 2, content: [.text("Signs")])]
        let signs = Self.digest([.section(Section(subject: .message(PlacedMessage(id: "signs", locale: "en", title: "Signs")), blocks: body))])
        let other = Self.digest([.section(Section(subject: .message(PlacedMessage(id: "other", locale: "en", title: "Signs")), blocks: body))])
        #expect(signs != other)
        #expect(signs != Self.digest(body))
        let card = ContactCard(name: "Hotline", entries: [], phone: .init(number: "711", url: "tel:711"))
        var changed = card
        changed.phone = .init(number: "711", url: "tel:+711")
        #expect(Self.digest([.contactCard(card)]) != Self.digest([.contactCard(changed)]))
    }

    @Test func absentAndEmptyMetadataDiffer() {
        var withEmpty = Self.metadata
        withEmpty.subtitle = ""
        #expect(Document(metadata: Self.metadata, blocks: []).digest != Document(metadata: withEmpty, blocks: []).digest)
    }

    @Test func fileDigestsAreSHA256() {
        // FIPS 180-2's test vector for "abc".
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(ContentDigest.hex(of: Data("abc".utf8)) == abc)
        var streaming = ContentDigest.Streaming()
        streaming.update(Data("a".utf8))
        streaming.update(Data("bc".utf8))
        #expect(streaming.hex == abc)
    }

    @Test func theSameDocumentHasTheSameDigest() {
        let blocks: [Block] = [.paragraph([.text("Same "), .strong([.text("bytes")])])]
        #expect(Self.digest(blocks) == Self.digest(blocks))
    }
}
