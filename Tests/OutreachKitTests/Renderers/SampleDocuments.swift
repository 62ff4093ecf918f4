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

    /// Text from outside ASCII in every block that carries text: accents, CJK,
    /// an emoji and a family emoji joined by zero-width joiners, and Arabic and
    /// Hebrew written right to left.
    static let international = Document(
        metadata: metadata(
            title: "Campaña azul: ¿Qué hacer? 🧭", subtitle: "Guía für alle · 日本語版", locale: "es",
            audience: "Socios comunitarios", sourceNote: "Adaptado de «Government Roles» — DHS."),
        blocks: [
            .heading(level: 2, content: [.text("Señales de alerta — naïve café über alles")]),
            .paragraph([
                .text("Todos tenemos un papel: "), .emphasis([.text("niños, niñas y jóvenes")]),
                .text(" merecen protección. "), .strong([.text("人身売買は犯罪です。")]),
                .text(" Familias 👩\u{200D}👩\u{200D}👧 y viajeros 🧭 pueden pedir ayuda en "),
                .link(url: "https://www.dhs.gov/blue-campaign/español", content: [.text("la página en español")]),
                .text(". 日本語の情報は、全国人身売買ホットラインにお電話ください。電話は二十四時間、年中無休で受け付けています。"),
            ]),
            .heading(level: 3, content: [.text("לשון עברית ولغة عربية")]),
            .paragraph([.text("اتصل بالخط الساخن الوطني لمكافحة الاتجار بالبشر. התקשרו לקו החם הלאומי, 1-888-373-7888.")]),
            .list(ordered: false, items: [
                [.paragraph([.text("Señal: el empleador guarda el pasaporte — «documentos retenidos».")])],
                [.paragraph([.text("兆候：身分証明書を持っていない。")])],
                [.paragraph([.text("Zeichen: Schulden, die nie kleiner werden; Angst vor der Polizei 😟.")])],
            ]),
            .table(header: [[.text("Idioma")], [.text("Frase")]], rows: [
                [[.text("Español")], [.text("¿Necesita ayuda?")]],
                [[.text("日本語")], [.text("助けが必要ですか？")]],
                [[.text("العربية")], [.text("هل تحتاج إلى مساعدة؟")]],
                [[.text("Emoji")], [.text("🧭 👩\u{200D}👩\u{200D}👧")]],
            ]),
        ])
}
