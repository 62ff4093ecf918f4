import Foundation

/// What one page's layout used with no translation into its locale, in page order for the report.
typealias Untranslated = (material: MaterialSpec, locale: String, texts: [String])

/// Expands the manifest's materials into render jobs: one per document and format.
struct JobPlanner {
    let manifest: Manifest
    let campaign: Campaign
    let registry: RendererRegistry
    let layouts: LayoutRegistry
    let templates: TemplateSet
    let date: String?
    let filters: GenerateFilters
    /// The digest of the outreach binary when outputs may come from the render cache; nil when they may not.
    var binaryIdentity: ContentDigest?
    let sink: DiagnosticSink

    /// The job maker for this run's pages.
    var maker: JobMaker { JobMaker(registry: registry, binaryIdentity: binaryIdentity, inputs: inputs) }

    /// Everything any page is laid out from: the binary, the manifest's and every content file's
    /// bytes as they were read, the page templates and string catalogs, and the date. Nil when
    /// outputs may not come from the render cache.
    var inputs: ContentDigest? {
        guard let binaryIdentity, let manifestDigest = manifest.sourceDigest, let contentDigest = campaign.sourceDigest else { return nil }
        var inputs = ContentDigest()
        inputs.add(binaryIdentity)
        inputs.add(manifestDigest)
        inputs.add(contentDigest)
        inputs.add(templates.fingerprint)
        inputs.add(date)
        return inputs
    }

    /// Every page laid out and made into render jobs at once; runs stream pages instead.
    func jobs() -> [RenderJob] {
        let maker = self.maker
        let pages = self.pages().map(Page.init)
        let jobs = pages.flatMap(maker.jobs)
        Self.reportUntranslated(pages.compactMap { page in
            page.untranslated.flatMap { $0.recorded.isEmpty ? nil : (page.material, page.locale, $0.recorded) }
        }, manifest: manifest, sink: sink)
        return jobs
    }

    /// Every document the selected materials make: one per material, or one per agency for `each: agency`.
    func pages() -> PlannedPages {
        var pages = PlannedPages()
        let agenciesByID = Dictionary(campaign.agencies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // One parse of each piece of Markdown for the whole run, shared by every page.
        let context = PageContext(campaign: campaign, materials: manifest.materials, date: date, templates: templates, parsed: ParsedMarkdown())
        let versions = Dictionary(grouping: campaign.messages, by: \.id)
        var selections: [String: [Message]] = [:]
        var agencySelections: [String: [Agency]] = [:]
        // Materials with the same formats share one list of renderers.
        var rendererLists: [[String]: [any Renderer]] = [:]
        // One cut pattern for every page that uses the same one: a page holds it, and a kit has a few.
        var patterns: [String: OutputPattern] = [:]
        // Pages of materials that select the same things share one shape.
        var shapes: [String: PageShape] = [:]
        for (index, material) in manifest.materials.enumerated() where filters.materials.isEmpty || filters.materials.contains(material.id) {
            guard let layout = layouts.layout(named: material.layout) else { continue }
            let formats = material.formats.filter { filters.formats.isEmpty || filters.formats.contains($0) }
            let renderers = rendererLists[formats] ?? formats.compactMap(registry.renderer)
            rendererLists[formats] = renderers
            let settings = material.options.over(manifest.defaults)
            // One array for every material that selects the same agencies (selecting reports nothing).
            let agencyKey = (material.agencies + ["\u{0}"] + material.agencyKinds.map(\.rawValue)).joined(separator: "\u{1}")
            let agencies = agencySelections[agencyKey] ?? selectAgencies(material, byID: agenciesByID)
            agencySelections[agencyKey] = agencies
            let options = RenderOptions(
                paper: settings.paper ?? .letter, textWidth: settings.textWidth ?? 72,
                asciiOnly: settings.asciiOnly ?? false, templates: templates,
                printSize: settings.print ?? .standard, qrCodes: settings.qrCodes ?? true)
            let patternText = material.output ?? manifest.outputPattern
                ?? OutputPattern.defaultPattern(for: material.each)
            for locale in locales(of: material) {
                let (messages, messageKey) = sharedSelection(material, locale: locale, versions: versions, memo: &selections)
                // A pattern without {locale} keeps the default locale's paths and puts the others in a folder each.
                let text = patternText.contains("{locale}") || locale == campaign.defaultLocale ? patternText : "{locale}/" + patternText
                let pattern = patterns[text] ?? OutputPattern(text: text)
                if patterns.count < 4096 { patterns[text] = pattern }
                // The shape's key names everything it holds; a selection that reported a problem has none, and its own shape.
                let shapeKey = messageKey.map {
                    [material.layout, formats.joined(separator: "\u{1}"), "\(options.paper.rawValue) \(options.textWidth) \(options.asciiOnly)",
                     "\(options.printSize.rawValue) \(options.qrCodes)", text, agencyKey, $0].joined(separator: "\u{0}")
                }
                let shape = shapeKey.flatMap { shapes[$0] } ?? PageShape(
                    layout: layout, context: context, locale: locale, agencies: agencies, messages: messages,
                    renderers: renderers, options: options, pattern: pattern)
                if let shapeKey, shapes.count < 65536 { shapes[shapeKey] = shape }
                // Each page has a log of untranslated texts of its own, so that what its layout used is known
                // page by page (and kept with its outputs in the render cache); the report joins them in page order.
                func page(focus: Int? = nil, partner: Partner? = nil) -> PlannedPage {
                    sharded(PlannedPage(shape: shape, materialIndex: index, focusIndex: focus, partner: partner.map(Shared.init),
                                        logsUntranslated: locale != campaign.defaultLocale))
                }
                switch material.each {
                case .partner:
                    pages += partners(of: material, in: locale).map { page(partner: $0) }
                case .agency:
                    if agencies.isEmpty && locale == locales(of: material).first {
                        sink.error(.fanOutSelectsNothing, "material \(quoted(material.id)) fans out over agencies but selects none",
                                   at: material.location("each"), hint: "list 'agencies' or 'agencyKinds'")
                    }
                    pages += agencies.indices.map { page(focus: $0) }
                case nil:
                    pages.append(page())
                }
            }
        }
        return pages
    }

    /// The page with only the formats whose output is in this run's shard.
    private func sharded(_ page: PlannedPage) -> PlannedPage {
        guard let shard = filters.shard, shard.count > 1 else { return page }
        let renderers = page.renderers.indices.filter { shard.contains(page.path(at: $0)) }.map { page.renderers[$0] }
        return page.with(renderers: renderers)
    }

    /// The locales a material is made in: its own list, else the manifest's, else its one locale setting.
    func locales(of material: MaterialSpec) -> [String] {
        if !material.locales.isEmpty { return material.locales }
        if !manifest.locales.isEmpty { return manifest.locales }
        return [material.options.over(manifest.defaults).locale ?? campaign.defaultLocale]
    }

    /// The partners a material with `each: partner` makes a kit for in `locale`: the listed
    /// ones in order (all when none are listed), each only in its own locales when it names some.
    func partners(of material: MaterialSpec, in locale: String) -> [Partner] {
        let chosen = material.partners.isEmpty ? campaign.partners : material.partners.compactMap(campaign.partner)
        return chosen.filter { $0.locales.isEmpty || $0.locales.contains(locale) }
    }

    /// Reports a material with `each: partner` that makes no kit in any of its locales.
    func checkPartnerFanOut() {
        for material in manifest.materials where material.each == .partner {
            guard locales(of: material).allSatisfy({ partners(of: material, in: $0).isEmpty }) else { continue }
            let hint = campaign.partners.isEmpty ? "add content/partners.yml listing the partners"
                : "partners: \(quotedList(campaign.partners.map(\.id))); check their 'locales' against the material's"
            sink.error(.fanOutSelectsNothing, "material \(quoted(material.id)) fans out over partners but makes no kit",
                       at: material.location("each"), hint: hint)
        }
    }

    /// One diagnostic for each material and locale whose layout used content text
    /// not written in that locale: an error, or with the manifest's `fallback:` a warning.
    static func reportUntranslated(_ pages: [Untranslated], manifest: Manifest, sink: DiagnosticSink) {
        var seen: [String: [String]] = [:]
        var order: [(MaterialSpec, String)] = []
        for (material, locale, texts) in pages {
            let key = material.id + "\u{0}" + locale
            if seen[key] == nil { order.append((material, locale)) }
            for text in texts where !(seen[key]?.contains(text) ?? false) { seen[key, default: []].append(text) }
        }
        for (material, locale) in order {
            let texts = seen[material.id + "\u{0}" + locale] ?? []
            let examples = quotedList(texts.prefix(3).map { String($0.prefix(60)) })
            let count = "\(texts.count) content text\(texts.count == 1 ? "" : "s")"
            let at = material.locales.firstIndex(of: locale).flatMap { material.location("locales.\($0)") }
                ?? manifest.locales.firstIndex(of: locale).flatMap { manifest.locations["locales.\($0)"] } ?? material.location("id")
            let hint = "translate them in agencies.yml, contacts.yml or campaign.yml as '\(locale):' values"
            if let fallback = manifest.fallback {
                sink.report(.warning(.translationFallback,
                    "material \(quoted(material.id)) in \(quoted(locale)) uses \(count) in \(quoted(fallback)): \(examples)", at: at, hint: hint))
            } else {
                sink.error(.missingTranslation,
                    "material \(quoted(material.id)) needs \(count) with no \(quoted(locale)) translation: \(examples)", at: at, hint: hint)
            }
        }
    }

    /// Listed ids in order, then agencies of the listed kinds in content order; all when neither is given.
    func selectAgencies(_ material: MaterialSpec, byID: [String: Agency]? = nil) -> [Agency] {
        if material.agencies.isEmpty && material.agencyKinds.isEmpty { return campaign.agencies }
        var selected = material.agencies.compactMap { byID?[$0] ?? campaign.agency($0) }
        guard !material.agencyKinds.isEmpty else { return selected }
        var ids = Set(selected.map(\.id))
        for agency in campaign.agencies where material.agencyKinds.contains(agency.kind) && ids.insert(agency.id).inserted {
            selected.append(agency)
        }
        return selected
    }

    /// ``selectMessages(_:locale:versions:)``, one array for every material that selects the same
    /// messages in the same locale, so a large kit holds each selection once, not once per page;
    /// with the selection's key, or nil when it is the material's own.
    /// A selection that needed another locale's text or missed a message is made again for each
    /// material, so each reports its own diagnostic.
    private func sharedSelection(
        _ material: MaterialSpec, locale: String, versions: [String: [Message]], memo: inout [String: [Message]]
    ) -> (messages: [Message], key: String?) {
        let key = ([locale, material.audience ?? "\u{0}", "\u{0}"] + material.messages + ["\u{0}"] + material.topics)
            .joined(separator: "\u{1}")
        if let known = memo[key] { return (known, key) }
        let (selected, asked) = selection(material, locale: locale, versions: versions)
        // Every message asked for, each in this locale: no diagnostic was reported.
        guard selected.count == asked, selected.allSatisfy({ $0.locale == locale }) else { return (selected, nil) }
        memo[key] = selected
        return (selected, key)
    }

    /// Listed ids in order, then messages with a listed topic; all when neither is given.
    /// Messages found by topic or by default are kept only when written for the material's audience.
    func selectMessages(_ material: MaterialSpec, locale: String, versions: [String: [Message]]? = nil) -> [Message] {
        selection(material, locale: locale, versions: versions).messages
    }

    /// The selected messages, and how many were asked for (more than were found when one is missing).
    private func selection(_ material: MaterialSpec, locale: String, versions: [String: [Message]]?) -> (messages: [Message], asked: Int) {
        var ids = material.messages
        var listed = Set(ids)
        let everything = material.messages.isEmpty && material.topics.isEmpty
        for message in campaign.messages where !listed.contains(message.id) {
            let matches = everything || message.topics.contains(where: material.topics.contains)
            let forAudience = material.audience.map(message.audiences.contains) ?? true
            if matches && forAudience {
                ids.append(message.id)
                listed.insert(message.id)
            }
        }
        return (ids.compactMap { message($0, locale: locale, material: material, versions: versions?[$0]) }, ids.count)
    }

    /// The message `id` in `locale`; else, with a warning, in the manifest's `fallback` locale;
    /// else nothing, with an error naming the message, the locale and where it was asked for.
    private func message(_ id: String, locale: String, material: MaterialSpec, versions: [Message]?) -> Message? {
        let versions = versions ?? campaign.messages.filter { $0.id == id }
        if let message = versions.first(where: { $0.locale == locale }) { return message }
        let listed = material.messages.firstIndex(of: id).flatMap { material.location("messages.\($0)") }
        let original = versions.first { $0.locale == campaign.defaultLocale } ?? versions.first
        let at = listed ?? original?.source.map { SourceLocation(file: $0, line: 1, column: 1) } ?? material.location("id")
        let written = quotedList(versions.map(\.locale).sorted())
        if let fallback = manifest.fallback, let message = versions.first(where: { $0.locale == fallback }) {
            sink.report(.warning(.translationFallback,
                "message \(quoted(id)) has no \(quoted(locale)) text; material \(quoted(material.id)) uses its \(quoted(fallback)) text, marked as \(quoted(fallback))",
                at: at, hint: "translate it as \(id).\(locale).md"))
            return message
        }
        sink.error(.missingTranslation,
            "message \(quoted(id)) has no \(quoted(locale)) text, which material \(quoted(material.id)) needs (written in: \(written))",
            at: at, hint: "add \(id).\(locale).md, or set 'fallback:' in the manifest to use another locale's text with a warning")
        return nil
    }
}
