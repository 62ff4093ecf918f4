import Foundation
import Synchronization

/// What every page of a run shares, held once: the campaign, the materials, the date,
/// the page templates, the run's parsed Markdown and its shared sections.
final class PageContext: Sendable {
    let campaign: Campaign
    let materials: [MaterialSpec]
    let date: String?
    let templates: TemplateSet
    let parsed: ParsedMarkdown
    /// The run's shared sections: equal ones laid out for different pages are written once per context.
    let sections = SectionInterner()
    /// Blocks layouts make the same way on many pages, made once.
    let layoutMemo: LayoutMemo
    /// Each locale's words by catalog key, made once: every page of the locale shares the one table.
    private let flatStrings = Mutex<[String: [String: String]]>([:])

    init(campaign: Campaign, materials: [MaterialSpec], date: String?, templates: TemplateSet, parsed: ParsedMarkdown) {
        self.campaign = campaign
        self.materials = materials
        self.date = date
        self.templates = templates
        self.parsed = parsed
        layoutMemo = LayoutMemo(sections: sections)
    }

    /// The words of `catalog`, the locale's, by catalog key; one table shared by every page of the locale.
    func flattened(_ catalog: StringCatalog, locale: String) -> [String: String] {
        if let known = flatStrings.withLock({ $0[locale] }) { return known }
        let made = catalog.flattened
        return flatStrings.withLock { tables in
            if let known = tables[locale] { return known }
            tables[locale] = made
            return made
        }
    }
}

/// One value shared by reference: render options, the same for most materials, and a
/// partner, which only kits have.
final class Shared<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// What many pages have in common: their layout, locale, selected agencies and messages,
/// formats, options and output pattern. Pages of materials that select the same things share one.
final class PageShape: Sendable {
    let layout: any Layout
    let context: PageContext
    let locale: String
    let agencies: [Agency]
    let messages: [Message]
    let renderers: [any Renderer]
    let options: RenderOptions
    let pattern: OutputPattern

    init(layout: any Layout, context: PageContext, locale: String, agencies: [Agency], messages: [Message],
         renderers: [any Renderer], options: RenderOptions, pattern: OutputPattern) {
        self.layout = layout
        self.context = context
        self.locale = locale
        self.agencies = agencies
        self.messages = messages
        self.renderers = renderers
        self.options = options
        self.pattern = pattern
    }

    /// The same shape with other formats.
    func with(renderers: [any Renderer]) -> PageShape {
        PageShape(layout: layout, context: context, locale: locale, agencies: agencies, messages: messages,
                  renderers: renderers, options: options, pattern: pattern)
    }
}

/// One document as a run plans it: which material, agency or partner, and its ``PageShape``,
/// shared with the pages of materials that select the same things. 32 bytes, kept in the run's
/// list of pages until the page is rendered; the ``Page`` laid out is made from it then.
struct PlannedPage: Sendable {
    // In this order, so that the small fields share one word.
    let shape: PageShape
    /// Which of the context's materials.
    let materialIndex: Int
    let sharedPartner: Shared<Partner>?
    /// The one agency of an `each: agency` page, as an index into the shape's agencies; -1 for none.
    let focusIndex: Int32
    /// Whether the page logs the content text missing in its locale: it is not the content's own.
    let logsUntranslated: Bool

    init(shape: PageShape, materialIndex: Int, focusIndex: Int? = nil, partner: Shared<Partner>? = nil, logsUntranslated: Bool) {
        self.shape = shape
        self.materialIndex = materialIndex
        self.focusIndex = Int32(focusIndex ?? -1)
        sharedPartner = partner
        self.logsUntranslated = logsUntranslated
    }

    var renderers: [any Renderer] { shape.renderers }
    var material: MaterialSpec { shape.context.materials[materialIndex] }
    var focus: Agency? { focusIndex >= 0 ? shape.agencies[Int(focusIndex)] : nil }
    var partner: Partner? { sharedPartner?.value }

    /// Where the output of the renderer at `index` goes.
    ///
    /// Made from the pattern when asked for, not kept: a run plans every page first, and the
    /// paths were about a third of what a page held (10 MB at 100,000 pages).
    func path(at index: Int) -> String {
        let renderer = renderers[index]
        return shape.pattern.resolve(material: material.id, locale: shape.locale, format: renderer.format.name,
                                     ext: renderer.format.fileExtension, agency: focus?.id, partner: partner?.id)
    }

    /// The same page with other formats.
    func with(renderers: [any Renderer]) -> PlannedPage {
        PlannedPage(shape: shape.with(renderers: renderers), materialIndex: materialIndex,
                    focusIndex: focusIndex >= 0 ? Int(focusIndex) : nil, partner: sharedPartner, logsUntranslated: logsUntranslated)
    }
}

/// One document to lay out, and the formats to render it in, made from its ``PlannedPage`` when
/// it is rendered. A class, so passing one around copies nothing.
///
/// A page that held its input took about 1 KB, and one that held its shape's parts 176 bytes.
/// A run's list of pages now holds 32 bytes a page, and a page object is made only while its
/// page is rendered.
final class Page: Sendable {
    let planned: PlannedPage
    /// Where content text missing in ``locale`` is logged; nil for the content's own locale.
    let untranslated: UntranslatedTextLog?

    init(_ planned: PlannedPage) {
        self.planned = planned
        untranslated = planned.logsUntranslated ? UntranslatedTextLog() : nil
    }

    var shape: PageShape { planned.shape }
    var layout: any Layout { shape.layout }
    var context: PageContext { shape.context }
    var locale: String { shape.locale }
    var agencies: [Agency] { shape.agencies }
    var messages: [Message] { shape.messages }
    var renderers: [any Renderer] { shape.renderers }
    var options: RenderOptions { shape.options }
    var pattern: OutputPattern { shape.pattern }

    /// Where each renderer's output goes, in the order of ``renderers``.
    var paths: [String] { renderers.indices.map(path(at:)) }

    /// Where the output of the renderer at `index` goes.
    func path(at index: Int) -> String { planned.path(at: index) }

    var material: MaterialSpec { planned.material }
    var focus: Agency? { planned.focus }
    var partner: Partner? { planned.partner }

    /// What the page's layout is given, made now.
    var input: LayoutInput {
        let material = self.material
        let campaign = context.campaign
        var input = LayoutInput(
            campaign: campaign, material: material, locale: locale, agencies: agencies, messages: messages, focus: focus,
            audience: material.audience.flatMap(campaign.audience), date: context.date,
            strings: context.templates.strings.catalog(for: locale))
        input.parsed = context.parsed
        input.flattenedStrings = context.flattened(input.strings, locale: locale)
        input.memo = context.layoutMemo
        input.partner = partner
        input.untranslated = untranslated
        return input
    }

    /// Where the output of a page in `renderer`'s format goes, by `pattern`.
    static func path(material: MaterialSpec, locale: String, focus: Agency?, partner: Partner?,
                     in renderer: any Renderer, pattern: OutputPattern) -> String {
        pattern.resolve(material: material.id, locale: locale, format: renderer.format.name, ext: renderer.format.fileExtension,
                        agency: focus?.id, partner: partner?.id)
    }
}

/// Lays out one page and makes its render jobs; shared by every task of a run.
struct JobMaker: Sendable {
    let registry: RendererRegistry
    /// The digest of the outreach binary when outputs may come from the render cache; nil when they may not.
    let binaryIdentity: ContentDigest?
    /// Everything pages are laid out from (``JobPlanner/inputs``); nil when pages must always be laid out.
    let inputs: ContentDigest?
    /// The values of ``binaryIdentity`` and ``inputs``, taken once: every key adds them.
    private let binaryBytes: [UInt8]?
    private let inputsBytes: [UInt8]?
    /// Format keys as far as the path, by their settings: a run has a few, shared by every page.
    private let keyStarts = MemoTable<KeySettings, ContentDigest>(limit: 256)

    init(registry: RendererRegistry, binaryIdentity: ContentDigest?, inputs: ContentDigest?) {
        self.registry = registry
        self.binaryIdentity = binaryIdentity
        self.inputs = inputs
        binaryBytes = binaryIdentity?.bytes
        inputsBytes = inputs?.bytes
    }

    /// The page's document, laid out now, rendered in each of its formats.
    func jobs(for page: Page) -> [RenderJob] {
        guard !page.renderers.isEmpty else { return [] }
        let document = page.context.sections.sharing(page.layout.document(for: page.input)).normalizedHeadings()
        let digest = binaryIdentity != nil ? document.digest : nil
        let untranslated = page.untranslated?.recorded
        return zip(page.renderers, page.paths).map { renderer, path in
            var job = job(rendering: document, digest: digest, of: page, with: renderer, at: path)
            job.pageKey = pageKey(of: page, options: job.options, renderer: renderer, path: path)
            job.untranslated = untranslated
            return job
        }
    }

    /// The page's outputs from the render cache, without laying the page out, when each of
    /// them was made under the same page key and is on disk as it was written; nil otherwise.
    /// The texts its layout used untranslated are recorded in the page's log again.
    func cachedOutputs(for page: Page, cache: RenderCache?, state: OutputState?, folder: URL, keepBytes: Bool) -> [PlannedOutput]? {
        guard let cache, inputs != nil, !page.renderers.isEmpty else { return nil }
        var outputs: [PlannedOutput] = []
        for (renderer, path) in zip(page.renderers, page.paths) {
            guard let entry = cache.entries[path], let recorded = entry.page,
                  recorded == pageKey(of: page, options: options(of: page, for: renderer, path: path), renderer: renderer, path: path),
                  let onDisk = cache.onDisk(path, entry: entry, state: state, in: folder, keepBytes: keepBytes) else { return nil }
            outputs.append(PlannedOutput(cached: path, format: renderer.format.name, material: page.material.id,
                                         locale: page.locale, onDisk: onDisk, entry: entry))
        }
        if let log = page.untranslated {
            for output in outputs { for text in output.untranslated ?? [] { log.record(text) } }
        }
        return outputs
    }

    /// Where the page's output in `renderer`'s format goes, known before any layout.
    func path(of page: Page, in renderer: any Renderer) -> String {
        if let index = page.renderers.firstIndex(where: { $0.format.name == renderer.format.name }) { return page.path(at: index) }
        return Page.path(material: page.material, locale: page.locale, focus: page.focus, partner: page.partner,
                         in: renderer, pattern: page.pattern)
    }

    /// The job that renders `document` with `renderer`, at `path`.
    func job(rendering document: Document, digest: ContentDigest?, of page: Page, with renderer: any Renderer, at path: String) -> RenderJob {
        let options = self.options(of: page, for: renderer, path: path)
        var job = RenderJob(document: document, renderer: renderer, options: options, path: path, material: page.material)
        if let digest {
            job.cacheKey = cacheKey(document: digest, renderer: renderer, options: options, path: path)
        }
        return job
    }

    /// The render options of the page's output in `renderer`'s format at `path`.
    private func options(of page: Page, for renderer: any Renderer, path: String) -> RenderOptions {
        var options = page.options
        options.formatOptions = registry.entry(named: renderer.format.name)?.options ?? [:]
        options.outputPath = path
        return options
    }

    /// What an output is made from: the binary, the format's name and identity,
    /// the path, every option, the page templates' bytes and the document.
    /// Nil for a format that is never cached.
    private func cacheKey(document: ContentDigest, renderer: any Renderer, options: RenderOptions, path: String) -> Digest256? {
        guard var key = formatKey(renderer: renderer, options: options, path: path) else { return nil }
        key.add(document)
        return key.value
    }

    /// What a page's output is laid out and rendered from, known before any layout: the run's
    /// inputs, which page it is (material, locale, agency, partner) and everything ``cacheKey``
    /// takes but the document. Nil when pages must always be laid out, or the format is never cached.
    private func pageKey(of page: Page, options: RenderOptions, renderer: any Renderer, path: String) -> Digest256? {
        guard let inputsBytes, var key = formatKey(renderer: renderer, options: options, path: path) else { return nil }
        key.add("page")
        key.add(digestBytes: inputsBytes)
        key.add(page.material.id)
        key.add(page.locale)
        key.add(page.focus?.id)
        key.add(page.partner?.id)
        return key.value
    }

    /// The binary, the format's name and identity, every option, the page templates' bytes, then the path.
    private func formatKey(renderer: any Renderer, options: RenderOptions, path: String) -> ContentDigest? {
        guard let binaryBytes else { return nil }
        let identity: String
        switch renderer.cacheIdentity {
        case .compiledIn: identity = "compiled-in"
        case .files(let digest): identity = "files " + digest
        case .uncacheable: return nil
        }
        // Everything but the path is the same for most outputs of a format: hashed once, then copied.
        let settings = KeySettings(
            format: renderer.format.name, fileExtension: renderer.format.fileExtension, identity: identity,
            paper: options.paper.rawValue, textWidth: options.textWidth, asciiOnly: options.asciiOnly,
            printSize: options.printSize.rawValue, qrCodes: options.qrCodes,
            templates: options.templates.fingerprintBytes, formatOptions: options.formatOptions)
        var key = keyStarts.value(for: settings) {
            var key = ContentDigest()
            key.add(digestBytes: binaryBytes)
            key.add(settings.format)
            key.add(settings.fileExtension)
            key.add(settings.identity)
            key.add(settings.paper)
            key.add(settings.textWidth)
            key.add(settings.asciiOnly)
            key.add(settings.printSize)
            key.add(settings.qrCodes)
            key.add(digestBytes: settings.templates)
            key.add(JSONValue.object(settings.formatOptions))
            key.flush()
            return key
        }
        key.add(path)
        return key
    }
}

/// What a format key takes besides the binary and the path.
private struct KeySettings: Hashable {
    let format: String
    let fileExtension: String
    let identity: String
    let paper: String
    let textWidth: Int
    let asciiOnly: Bool
    let printSize: String
    let qrCodes: Bool
    let templates: [UInt8]
    let formatOptions: [String: JSONValue]
}


