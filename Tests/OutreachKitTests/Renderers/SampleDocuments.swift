@testable import OutreachKit

/// Small documents built by hand for the renderer tests.
enum SampleDocuments {
    static func metadata(
        title: String = "Government Roles", subtitle: String? = "Blue Campaign", locale: String = "en",
        audience: String? = "Community partners", date: String? = "2024-05-01",
        sourceNote: String? = "Adapted from the DHS page \u{201C}Government Roles\u{201D}."
    ) -> DocumentMetadata {
        DocumentMetadata(
            title: title, subtitle: subtitle, locale: locale, audience: audience, date: date,
            sourceNote: sourceNote, material: "government-roles", layout: "fact-sheet")
    }

    static let hotline = ContactCard(
        name: "National Human Trafficking Hotline",
        entries: [
            .init(label: "Call", value: "1-888-373-7888", url: "tel:+18883737888"),
            .init(label: "Text", value: "233733"),
            .init(label: "Online", value: "humantraffickinghotline.org", url: "https://humantraffickinghotline.org"),
        ],
        notes: [[.text("Operated by Polaris, a non-governmental organization, not by a government agency.")]])

    /// One of every block, with text that tempts escaping bugs.
    static let everything = Document(
        metadata: metadata(),
        blocks: [
            .heading(level: 2, content: [.text("Everyone has a role")]),
            .paragraph([
                .text("DHS components combat human trafficking across their missions; "),
                .emphasis([.text("One DHS")]), .text(" unites them under the "),
                .strong([.text("Blue Campaign")]), .text(". Learn more at "),
                .link(url: "https://www.dhs.gov/blue-campaign", content: [.text("the Blue Campaign site")]),
                .text("."),
            ]),
            .heading(level: 3, content: [.text("Who does what")]),
            .list(ordered: false, items: [
                [.paragraph([.text("ICE investigates trafficking cases and strips traffickers of their assets and profits.")])],
                [.paragraph([.text("USCIS offers immigration relief:")]),
                 .list(ordered: true, items: [
                    [.paragraph([.text("T nonimmigrant status (T visa)")])],
                    [.paragraph([.text("U nonimmigrant status (U visa)")])],
                 ])],
            ]),
            .factList([
                Fact(figure: "42,000", label: [.text("frontline CBP officers and Border Patrol agents")]),
                Fact(figure: "7,000", label: [.text("miles of land border, nearly")]),
                Fact(figure: "327", label: [.text("ports of entry by land, air and sea")]),
            ]),
            .callout(Callout(kind: .important, title: "Recognize and report", blocks: [
                .paragraph([.text("Not every indicator is present in every situation, and one indicator alone does not prove trafficking.")]),
            ])),
            .contactCard(hotline),
            .table(header: [[.text("Agency")], [.text("Where")]], rows: [
                [[.text("U.S. Coast Guard")], [.text("high seas")]],
                [[.text("TSA")], [.text("airports")]],
            ]),
            .quote([.paragraph([.text("Everyone has a role in combating human trafficking.")])]),
            .code("swift package generate-outreach\n"),
            .thematicBreak,
            .paragraph([.text("Tip line: "), .code("1-866-DHS-2-ICE"), .lineBreak, .text("ice.gov/tips")]),
        ])
}
