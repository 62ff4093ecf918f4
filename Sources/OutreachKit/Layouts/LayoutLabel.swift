/// The few words layouts add around content, per locale.
///
/// Content carries its own translations; these labels are the layout's.
/// A locale without a label falls back to English.
enum LayoutLabel: String, CaseIterable {
    case howToReport, learnMore, websiteOf, call, text, tty, online, hours, languages, or, to
    case operatedBy, operatedByNGO, figuresFrom, whatItDoes, byTheNumbers, programs, members
    case governmentRoles, recognizeAndReport, partOf

    private static let english: [LayoutLabel: String] = [
        .howToReport: "Who to contact", .learnMore: "Learn more:", .websiteOf: "the {name} website",
        .call: "Call", .text: "Text", .tty: "TTY", .online: "Online", .hours: "Hours", .languages: "Languages",
        .or: "or", .to: "to",
        .operatedBy: "Run by {name}.",
        .operatedByNGO: "Run by {name}, a non-governmental organization. It is not a government, law enforcement or immigration agency.",
        .figuresFrom: "Figures:", .whatItDoes: "What it does", .byTheNumbers: "By the numbers",
        .programs: "Programs and resources", .members: "Members and invited agencies",
        .governmentRoles: "Government roles in combating human trafficking",
        .recognizeAndReport: "Recognize and report human trafficking", .partOf: "Part of the {name}.",
    ]

    /// Labels by locale; add a table here to translate the layouts.
    private static let tables: [String: [LayoutLabel: String]] = ["en": english]

    func text(_ locale: String) -> String {
        let table = Self.tables[locale] ?? [:]
        return table[self] ?? Self.english[self] ?? rawValue
    }
}
