import Foundation

/// One document rendered in one format.
struct RenderJob: Sendable {
    let document: Document
    let renderer: any Renderer
    let options: RenderOptions
    let path: String
    let material: MaterialSpec

    func run() -> Result<[PlannedOutput], Diagnostic> {
        do {
            let rendered = try renderer.render(document, options: options)
            let folder = (path as NSString).deletingLastPathComponent
            return .success(rendered.files.map { file in
                let filePath = file.path.map { folder.isEmpty ? $0 : folder + "/" + $0 } ?? path
                return PlannedOutput(path: filePath, format: renderer.format.name, material: material.id, contents: file.contents)
            })
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
    let sink: DiagnosticSink

    func jobs() -> [RenderJob] {
        var jobs: [RenderJob] = []
        for material in manifest.materials where filters.materials.isEmpty || filters.materials.contains(material.id) {
            guard let layout = layouts.layout(named: material.layout) else { continue }
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

            var documents: [(Document, Agency?)] = []
            if material.each == .agency {
                if agencies.isEmpty {
                    sink.error("material \(quoted(material.id)) fans out over agencies but selects none",
                               at: material.location("each"), hint: "list 'agencies' or 'agencyKinds'")
                }
                for agency in agencies {
                    var focused = input
                    focused.focus = agency
                    documents.append((layout.document(for: focused), agency))
                }
            } else {
                documents.append((layout.document(for: input), nil))
            }
            for format in material.formats where filters.formats.isEmpty || filters.formats.contains(format) {
                guard let renderer = registry.renderer(named: format) else { continue }
                for (document, agency) in documents {
                    var values = ["material": material.id, "locale": locale, "format": format,
                                  "ext": renderer.format.fileExtension]
                    if let agency { values["agency"] = agency.id }
                    jobs.append(RenderJob(document: document.normalizedHeadings(), renderer: renderer, options: options,
                                          path: pattern.resolve(values), material: material))
                }
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
