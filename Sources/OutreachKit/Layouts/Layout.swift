/// Turns campaign content selected for one material into a ``Document``.
package protocol Layout: Sendable {
    /// The name used in manifests, such as `fact-sheet`.
    var name: String { get }
    /// One line saying what the layout makes.
    var summary: String { get }
    /// Builds the document.
    func document(for input: LayoutInput) -> Document
}

/// Everything a layout may use: the campaign and what the material selected from it.
package struct LayoutInput: Sendable {
    /// The whole campaign.
    package var campaign: Campaign
    /// The material being made.
    package var material: MaterialSpec
    /// The locale to write in.
    package var locale: String
    /// The agencies the material selected, in order.
    package var agencies: [Agency]
    /// The messages the material selected, in order, in `locale` where translated.
    package var messages: [Message]
    /// The one agency of an `each: agency` output.
    package var focus: Agency?
    /// The partner whose kit this is, for `each: partner`.
    package var partner: Partner?
    /// The audience the material is for.
    package var audience: Audience?
    /// The date to print, if any.
    package var date: String?
    /// Markdown already parsed; a run shares one across all its inputs.
    var parsed = ParsedMarkdown()
    /// The words outreach writes itself, in `locale`.
    package var strings: StringCatalog
    /// ``strings`` by catalog key, when a run has made them once for every page of the locale.
    var flattenedStrings: [String: String]?
    /// The run's blocks made once for many pages (``shared(_:make:)``); nil outside a run.
    var memo: LayoutMemo?
    /// Where content text missing in `locale` is logged; nil for the content's own locale.
    package var untranslated: UntranslatedTextLog?

    /// Creates a layout input.
    package init(
        campaign: Campaign, material: MaterialSpec, locale: String, agencies: [Agency], messages: [Message],
        focus: Agency? = nil, audience: Audience? = nil, date: String? = nil, strings: StringCatalog? = nil
    ) {
        self.campaign = campaign
        self.material = material
        self.locale = locale
        self.agencies = agencies
        self.messages = messages
        self.focus = focus
        self.audience = audience
        self.date = date
        self.strings = strings ?? StringCatalogs.builtIn.catalog(for: locale)
    }
}

/// The layouts a generator can use, by name.
package struct LayoutRegistry: Sendable {
    private var layouts: [String: any Layout] = [:]

    /// An empty registry.
    package init() {}

    /// The built-in layouts: `fact-sheet`, `handout` and `agency-profile`.
    package static var builtIn: LayoutRegistry {
        var registry = LayoutRegistry()
        registry.register(FactSheetLayout())
        registry.register(HandoutLayout())
        registry.register(AgencyProfileLayout())
        return registry
    }

    /// Adds a layout, replacing one of the same name.
    package mutating func register(_ layout: any Layout) { layouts[layout.name] = layout }

    /// The layout with this name.
    package func layout(named name: String) -> (any Layout)? { layouts[name] }

    /// Every layout name, sorted.
    package var names: [String] { layouts.keys.sorted() }
}
