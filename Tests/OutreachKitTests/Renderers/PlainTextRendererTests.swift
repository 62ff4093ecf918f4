import Foundation
import Testing
@testable import OutreachKit

@Suite struct PlainTextRendererTests {
    private func render(_ document: Document, width: Int = 72, asciiOnly: Bool = false) throws -> String {
        let options = RenderOptions(textWidth: width, asciiOnly: asciiOnly)
        let rendered = try PlainTextRenderer().render(document, options: options)
        return String(decoding: rendered.files.first?.contents ?? Data(), as: UTF8.self)
    }

    /// The body alone: no header or footer.
    private func body(_ blocks: [Block], width: Int = 72, asciiOnly: Bool = false) throws -> String {
        let metadata = SampleDocuments.metadata(title: "", subtitle: nil, audience: nil, date: nil, sourceNote: nil)
        return try render(Document(metadata: metadata, blocks: blocks), width: width, asciiOnly: asciiOnly)
    }

    /// Lines longer than `width` that hold more than one word.
    private func overlong(_ text: String, width: Int) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.count > width && $0.trimmingCharacters(in: .whitespacesAndNewlines).contains(" ") }
    }

    private let prose = "Everyone has a role in combating human trafficking. DHS components work on it across their missions, and the One DHS Blue Campaign unites these efforts in training, public awareness, victim assistance and partnerships."

    @Test func describesItsFormat() async {
        let format = PlainTextRenderer().format
        #expect(format.name == "text")
        #expect(format.fileExtension == "txt")
        #expect(format.mediaType == "text/plain")
    }

    @Test(arguments: [30, 40, 72])
    func noLineIsWiderThanTheWidthUnlessItIsOneWord(width: Int) async throws {
        let text = try render(SampleDocuments.everything, width: width)
        #expect(overlong(text, width: width).isEmpty)
        let words = try body([.paragraph([.text(prose)])], width: width)
        #expect(words.split(whereSeparator: \.isWhitespace).joined(separator: " ") == prose)
        #expect(words.split(separator: "\n").count > 2)
    }

    @Test func aLongWordGetsALineOfItsOwn() async throws {
        let address = "https://www.dhs.gov/blue-campaign/materials/indicator-cards-in-seventeen-languages"
        let text = try body([.paragraph([.text("See \(address) for cards.")])], width: 40)
        #expect(text == "See\n\(address)\nfor cards.\n")
    }

    @Test func headingsAreUnderlinedByLevel() async throws {
        let text = try body([
            .heading(level: 1, content: [.text("Roles")]),
            .heading(level: 2, content: [.text("Border")]),
            .heading(level: 3, content: [.emphasis([.text("Ports")])]),
        ])
        #expect(text == "Roles\n=====\n\nBorder\n------\n\nPorts\n~~~~~\n")
    }

    @Test func wrappedHeadingsAreUnderlinedToTheirLongestLine() async throws {
        let text = try body([.heading(level: 2, content: [.text("Customs and Border Protection at ports of entry")])], width: 24)
        #expect(text == "Customs and Border\nProtection at ports of\nentry\n----------------------\n")
    }

    @Test func listsHaveHangingIndents() async throws {
        let text = try body([.list(ordered: false, items: [
            [.paragraph([.text("ICE investigates domestic and international trafficking cases.")]),
             .list(ordered: true, items: [[.paragraph([.text("Strips traffickers of their assets and profits.")])]])],
        ])], width: 30)
        #expect(text == """
              - ICE investigates domestic
                and international
                trafficking cases.
                  1. Strips traffickers of
                     their assets and
                     profits.

            """)
    }

    @Test func orderedMarkersAlignTheirText() async throws {
        let items = (1...10).map { [Block.paragraph([.text("item \($0)")])] }
        let text = try body([.list(ordered: true, items: items)])
        #expect(text.hasPrefix("   1. item 1\n   2. item 2\n"))
        #expect(text.hasSuffix("  10. item 10\n"))
    }

    @Test func linksShowTheirAddressOnceInParentheses() async throws {
        let text = try body([.paragraph([
            .link(url: "https://www.ice.gov/tips", content: [.text("ICE tip form")]), .text("; "),
            .link(url: "https://www.ice.gov/tips", content: [.text("ice.gov/tips")]), .text("; "),
            .link(url: "mailto:help@example.org", content: [.text("help@example.org")]), .text("; "),
            .link(url: "tel:+18663472423", content: [.text("1-866-347-2423")]), .text("; "),
            .link(url: "tel:+18028726199", content: [.text("802-872-6199")]), .text("; "),
            .link(url: "tel:+18663472423", content: [.text("1-866-DHS-2-ICE")]), .text("; "),
            .link(url: "#top", content: [.text("top")]), .text("; "),
            .link(url: "javascript:alert(1)", content: [.text("bad")]),
        ])])
        #expect(text == """
            ICE tip form (https://www.ice.gov/tips); ice.gov/tips; help@example.org;
            1-866-347-2423; 802-872-6199; 1-866-DHS-2-ICE (tel:+18663472423); top;
            bad

            """)
    }

    @Test func noMarkdownSyntaxLeaks() async throws {
        let text = try render(SampleDocuments.everything)
        for syntax in ["*", "`", "#", "[", "](", "> ", "_"] {
            #expect(!text.contains(syntax), "found \(syntax)")
        }
        #expect(text.replacingOccurrences(of: "\n", with: " ").contains("; One DHS unites them under the Blue Campaign. Learn"))
    }

    @Test func quotesCalloutsCardsAndFactsHaveTheirShapes() async throws {
        let text = try body([
            .quote([.paragraph([.text("Recognize and report.")])]),
            .callout(Callout(kind: .note, blocks: [.paragraph([.text("Call 911 in an emergency.")])])),
            .contactCard(SampleDocuments.hotline),
            .factList([Fact(figure: "42,000", label: [.text("frontline officers and agents")]), Fact(figure: "327", label: [.text("ports of entry")])]),
        ], width: 50)
        #expect(text == """
              | Recognize and report.

            +-------------------------------------------------
            | Note
            |
            | Call 911 in an emergency.
            +-------------------------------------------------

            National Human Trafficking Hotline
              Call: 1-888-373-7888
              Text: 233733
              Online: humantraffickinghotline.org
              Operated by Polaris, a non-governmental
              organization, not by a government agency.

              42,000  frontline officers and agents
                 327  ports of entry

            """)
    }

    @Test func headerAndFooterStayWithinTheWidth() async throws {
        let metadata = SampleDocuments.metadata(
            title: "Government roles in combating human trafficking across DHS", subtitle: "Blue Campaign",
            sourceNote: "Adapted from the DHS page Government Roles, last published December 22, 2014.")
        let text = try render(Document(metadata: metadata, blocks: [.paragraph([.text("Body.")])]), width: 30)
        #expect(overlong(text, width: 30).isEmpty)
        #expect(text.hasPrefix("Government roles in combating\nhuman trafficking across DHS\n=============================\nBlue Campaign\n"))
        #expect(text.hasSuffix("\n------------------------------\nAdapted from the DHS page\nGovernment Roles, last\npublished December 22, 2014.\n"))
    }

    @Test func asciiOnlyOutputHasOnlyASCII() async throws {
        let text = try render(Document(
            metadata: SampleDocuments.metadata(title: "Caf\u{E9} \u{2014} \u{201C}roles\u{201D}"),
            blocks: [.paragraph([.text("It\u{2019}s 9\u{2013}5\u{2026} \u{2022} 3\u{D7}4 \u{A9}\u{AE}\u{2122} se\u{F1}or \u{1F600} \u{4E2D}")])]),
            asciiOnly: true)
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(text.hasPrefix("Cafe -- \"roles\"\n===============\n"))
        #expect(text.contains("It's 9-5... - 3x4 (c)(R)(TM) senor ? ?"))
        #expect(text.contains("\u{201C}Government Roles\u{201D}") == false)
        #expect(text.contains("\"Government Roles\""))
    }

    /// Folding would turn español into espanol, another page: the address is percent-encoded instead.
    @Test func asciiOnlyKeepsLinkAddressesPointingAtTheSamePage() async throws {
        let text = try render(Document(
            metadata: SampleDocuments.metadata(title: "Links"),
            blocks: [.paragraph([.link(url: "https://example.org/espa\u{F1}ol/caf\u{E9}?q=\u{4E2D}", content: [.text("En espa\u{F1}ol")])])]),
            asciiOnly: true)
        #expect(text.contains("En espanol (https://example.org/espa%C3%B1ol/caf%C3%A9?q=%E4%B8%AD)"), "\(text)")
    }

    @Test func nonBreakingSpacesHoldWordsTogetherThenBecomeSpaces() async throws {
        let text = try body([.paragraph([.text("aaaa bbbb 1-888-373-7888\u{A0}(24/7)")])], width: 20, asciiOnly: true)
        #expect(text == "aaaa bbbb\n1-888-373-7888 (24/7)\n")
    }

    @Test func widthIsCountedInCharacters() async throws {
        let word = "\u{E9}t\u{E9}"  // "été": three characters, five UTF-8 bytes
        let text = try body([.paragraph(Array(repeating: Inline.text(word + " "), count: 10))], width: 20)
        #expect(text.split(separator: "\n").first.map(String.init) == Array(repeating: word, count: 5).joined(separator: " "))
    }

    @Test func outputIsDeterministicWithOneTrailingNewline() async throws {
        let first = try render(SampleDocuments.everything)
        #expect(try render(SampleDocuments.everything) == first)
        #expect(first.hasSuffix(".\n") && !first.hasSuffix("\n\n"))
        #expect(try body([]) == "\n")
    }
}
