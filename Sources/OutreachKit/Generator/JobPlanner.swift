import Foundation

/// One document rendered in one format.
struct RenderJob: Sendable {
    /// The files a job made, and what its renderer had to say.
    struct Output: Sendable {
        var files: [PlannedOutput]
        var diagnostics: [Diagnostic]
    }

    let document: Document
    let renderer: any Renderer
    let options: RenderOptions
    let path: String
    let material: MaterialSpec

    func run() -> Result<Output, Diagnostic> {
        do {
            let rendered = try renderer.render(document, options: options)
            let folder = (path as NSString).deletingLastPathComponent
            let files = rendered.files.map { file in
                let filePath = file.path.map { folder.isEmpty ? $0 : folder + "/" + $0 } ?? path
                return PlannedOutput(path: filePath, format: renderer.format.name, material: material.id, contents: file.contents)
            }
            let diagnostics = rendered.diagnostics.map { diagnostic in
                var diagnostic = diagnostic
                diagnostic.message = "\(path): \(diagnostic.message)"
                if diagnostic.location == nil { diagnostic.location = material.location("id") }
                return diagnostic
            }
            return .success(Output(files: files, diagnostics: diagnostics))
        } catch {
            return .failure(.error("cannot render material \(quoted(material.id)) as \(quoted(renderer.format.name)): \(error)",
                                   at: material.location("id")))
        }
    }
}

/// Expands the manifest's materials into render jobs: one per document and format.
struct JobPlanner {
    let manifest: Manifest
    let campaign: Campaign
    let registry: RendererRegistry
    let layouts: LayoutRegistry
    let templates: TemplateSet
    let date: String?
    let filters: GenerateFilters
    var workers = 1
    let sink: DiagnosticSink

    /// One document to lay out, and the formats to render it in.
    private struct Page: Sendable {
        let layout: any Layout
        let input: LayoutInput
        let renderers: [any Renderer]
        let options: RenderOptions
        let pattern: OutputPattern
    }

    func jobs() -> [RenderJob] {
        var pages: [Page] = []
        for material in manifest.materials where filters.materials.isEmpty || filters.materials.contains(material.id) {
            guard let layout = layouts.layout(named: material.layout) else { continue }
            let renderers = material.formats
                .filter { filters.formats.isEmpty || filters.formats.contains($0) }
                .compactMap(registry.renderer)
            let settings = material.options.over(manifest.defaults)
            let locale = settings.locale ?? campaign.defaultLocale
            let agencies = selectAgencies(material)
            let input = LayoutInput(
                campaign: campaign, material: material, locale: locale, agencies: agencies,
                messages: selectMessages(material, locale: locale),
                audience: material.audience.flatMap(campaign.audience), date: date)
            let options = RenderOptions(
                paper: settings.paper ?? .letter, textWidth: settings.textWidth ?? 72,
                asciiOnly: settings.asciiOnly ?? false, templates: templates)
            let pattern = OutputPattern(text: material.output ?? manifest.outputPattern
                ?? (material.each == nil ? OutputPattern.defaultPattern : OutputPattern.defaultEachPattern))
            guard material.each == .agency else {
                pages.append(Page(layout: layout, input: input, renderers: renderers, options: options, pattern: pattern))
                continue
            }
            if agencies.isEmpty {
                sink.error("material \(quoted(material.id)) fans out over agencies but selects none",
                           at: material.location("each"), hint: "list 'agencies' or 'agencyKinds'")
            }
            for agency in agencies {
                var focused = input
                focused.focus = agency
                pages.append(Page(layout: layout, input: focused, renderers: renderers, options: options, pattern: pattern))
            }
        }

        // Laying out is independent per page: do it across cores, as rendering is.
        let documents = ParallelResults<Document>(count: pages.count)
        let allPages = pages
        parallelForEach(allPages.count, workers: workers) { index in
            let page = allPages[index]
            documents[index] = page.renderers.isEmpty ? nil : page.layout.document(for: page.input).normalizedHeadings()
        }

        var jobs: [RenderJob] = []
        for (page, document) in zip(pages, documents.values) {
            guard let document else { continue }
            for renderer in page.renderers {
                var values = ["material": page.input.material.id, "locale": page.input.locale,
                              "format": renderer.format.name, "ext": renderer.format.fileExtension]
                if let agency = page.input.focus { values["agency"] = agency.id }
                var options = page.options
                options.campaign = campaign
                options.formatOptions = registry.entry(named: renderer.format.name)?.options ?? [:]
                jobs.append(RenderJob(document: document, renderer: renderer, options: options,
                                      path: page.pattern.resolve(values), material: page.input.material))
            }
        }
        return jobs
    }

    /// Listed ids in order, then agencies of the listed kinds in content order; all when neither is given.
    func selectAgencies(_ material: MaterialSpec) -> [Agency] {
        if material.agencies.isEmpty && material.agencyKinds.isEmpty { return campaign.agencies }
        var selected = material.agencies.compactMap(campaign.agency)
        for agency in campaign.agencies where material.agencyKinds.contains(agency.kind) && !selected.contains(agency) {
            selected.append(agency)
        }
        return selected
    }

    /// Listed ids in order, then messages with a listed topic; all when neither is given.
    /// Messages found by topic or by default are kept only when written for the material's audience.
    func selectMessages(_ material: MaterialSpec, locale: String) -> [Message] {
        var ids = material.messages
        let everything = material.messages.isEmpty && material.topics.isEmpty
        for message in campaign.messages where !ids.contains(message.id) {
            let matches = everything || message.topics.contains(where: material.topics.contains)
            let forAudience = material.audience.map(message.audiences.contains) ?? true
            if matches && forAudience { ids.append(message.id) }
        }
        return ids.compactMap { campaign.message($0, locale: locale) }
    }
}
