import Foundation

/// The pipeline: manifest and content in, checked and rendered files out.
///
/// `plan` loads, validates and renders everything in memory and throws every
/// problem it finds; only a plan without errors can be written, so a failed
/// run writes nothing.
public struct Generator: Sendable {
    /// The formats manifests may use.
    public var registry: RendererRegistry
    /// The layouts manifests may use.
    package var layouts: LayoutRegistry
    /// The environment, read for `SOURCE_DATE_EPOCH`, `PATH` and the user's format folders.
    package var environment: [String: String]
    /// How many documents to lay out and render at once; the output does not depend on it.
    package var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Whether to take unchanged outputs from the render cache in the output folder
    /// instead of rendering them again. `generate --check` turns it off.
    package var usesRenderCache = true
    /// Called as documents finish rendering, with the number done and the total, from any task.
    package var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    /// Creates a generator with the formats in `registry` and the built-in layouts.
    public init(registry: RendererRegistry = .builtIn, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(registry: registry, layouts: .builtIn, environment: environment)
    }

    /// Creates a generator with other layouts.
    package init(registry: RendererRegistry, layouts: LayoutRegistry, environment: [String: String]) {
        self.registry = registry
        self.layouts = layouts
        self.environment = environment
    }

    /// Loads, checks and renders everything the manifest asks for, writing nothing.
    ///
    /// - Parameters:
    ///   - manifestURL: the `outreach.yml` file.
    ///   - displayPath: how to name it in diagnostics.
    ///   - output: an output folder that replaces the manifest's, with its display name.
    public func plan(
        manifest manifestURL: URL, displayPath: String, output: (url: URL, display: String)? = nil,
        filters: GenerateFilters = GenerateFilters()
    ) async throws(DiagnosticError) -> GenerationPlan {
        let sink = DiagnosticSink()
        guard let manifest = ManifestLoader().load(manifestURL, displayPath: displayPath, sink: sink) else {
            throw DiagnosticError(sink.diagnostics)
        }
        let registry = await FormatCatalog(environment: environment, sink: sink).registry(extending: self.registry, for: manifest)
        let checker = ManifestChecker(manifest: manifest, registry: registry, layouts: layouts, sink: sink)
        checker.checkNames(filters: filters)
        let templates = checker.templates()
        let date = checker.date(environment: environment)

        let campaign = loadContent(manifest, sink: sink)
        if let campaign {
            checker.checkReferences(campaign)
            checker.checkCatalogs(templates, defaultLocale: campaign.defaultLocale)
        }
        guard let campaign, !sink.hasErrors else { throw DiagnosticError(sink.diagnostics) }

        let folder = output ?? (manifest.resolve(manifest.output), manifest.relative(manifest.output))
        let jobs = JobPlanner(manifest: manifest, campaign: campaign, registry: registry, layouts: layouts,
                              templates: templates, date: date, filters: filters, workers: self.jobs,
                              binaryIdentity: usesRenderCache ? BinaryIdentity.current : nil, sink: sink).jobs()
        let cache = usesRenderCache ? RenderCache.load(from: folder.url) : nil
        let outputs = await render(jobs, cache: cache, folder: folder.url, sink: sink)
        checkPaths(outputs, sink: sink)
        if sink.hasErrors { throw DiagnosticError(sink.diagnostics) }

        return GenerationPlan(
            outputFolder: folder.url, outputDisplayPath: folder.display,
            outputs: outputs.sorted { $0.path < $1.path }, warnings: sink.diagnostics, usesRenderCache: usesRenderCache)
    }

    /// The campaign, or nil when the content has errors (reported to `sink`) or no folder was named.
    private func loadContent(_ manifest: Manifest, sink: DiagnosticSink) -> Campaign? {
        guard !manifest.content.isEmpty else { return nil }
        do {
            return try ContentLoader(folder: manifest.resolve(manifest.content), displayPath: manifest.relative(manifest.content)).load()
        } catch {
            for diagnostic in error.diagnostics { sink.report(diagnostic) }
            return nil
        }
    }

    /// Renders every job, at most ``jobs`` at a time; the order of the result follows `jobs`.
    private func render(_ jobs: [RenderJob], cache: RenderCache?, folder: URL, sink: DiagnosticSink) async -> [PlannedOutput] {
        let counter = ProgressCounter(total: jobs.count, report: progress)
        let results = await jobs.concurrentMap(limit: self.jobs) { job in
            let result = await job.run(cache: cache, folder: folder)
            counter.advance()
            return result
        }
        var outputs: [PlannedOutput] = []
        for result in results {
            switch result {
            case .success(let rendered):
                outputs += rendered.files
                for diagnostic in rendered.diagnostics { sink.report(diagnostic) }
            case .failure(let diagnostic): sink.report(diagnostic)
            }
        }
        return outputs
    }

    /// Every format a manifest can use: the registry's, the manifest's and the
    /// user's template formats, and external formats (declared, or on PATH).
    ///
    /// With no manifest, lists the registry's, the user's and PATH's formats.
    package func availableFormats(manifest url: URL?, displayPath: String) async -> (registry: RendererRegistry, diagnostics: [Diagnostic]) {
        let sink = DiagnosticSink()
        let manifest = url.flatMap { ManifestLoader().load($0, displayPath: displayPath, sink: sink) }
        let catalog = FormatCatalog(environment: environment, sink: sink)
        let folder = manifest?.baseFolder ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let registry = await catalog.externalFormatsOnPath(
            extending: await catalog.registry(extending: self.registry, for: manifest), workingDirectory: folder)
        return (registry, sink.diagnostics)
    }

    private func checkPaths(_ outputs: [PlannedOutput], sink: DiagnosticSink) {
        var owners: [String: String] = [:]
        for output in outputs {
            if let reason = escapeReason(output.path) {
                sink.error(.outputPathEscapes, "output path \(quoted(output.path)) of material \(quoted(output.material)) \(reason)", at: nil)
            } else if let owner = owners[output.path] {
                sink.error(.outputPathConflict, "materials \(quoted(owner)) and \(quoted(output.material)) both write \(quoted(output.path))",
                           at: nil, hint: "give one of them its own 'output' pattern")
            } else {
                owners[output.path] = output.material
            }
        }
    }
}

extension Manifest {
    /// A path from the manifest, resolved against the manifest's folder.
    func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseFolder.appendingPathComponent(path)
    }

    /// A path from the manifest as it should appear in messages: next to the manifest file.
    func relative(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = (file as NSString).deletingLastPathComponent
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return folder.isEmpty ? trimmed : folder + "/" + trimmed
    }
}

/// Counts finished renders and passes the count on.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func advance() {
        guard let report else { return }
        let count = lock.withLock { done += 1; return done }
        report(count, total)
    }
}
