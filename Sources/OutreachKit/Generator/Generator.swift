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
    /// Whether a warning fails the run (`--strict`): ``generate(manifest:displayPath:output:filters:writer:)``
    /// then abandons its staged files and throws the warnings, so nothing is written.
    package var strict = false
    /// Called as documents finish rendering, with the number done and the total, from any task.
    package var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    /// Creates a generator with the formats in `registry` and the built-in layouts.
    public init(registry: RendererRegistry = .builtIn, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(registry: registry, layouts: .builtIn, environment: environment)
    }

    /// Creates a generator with other layouts.
    package init(registry: RendererRegistry, layouts: LayoutRegistry, environment: [String: String]) {
        // Before a run allocates much: see ``FreedMemory/settled``.
        FreedMemory.settled
        self.registry = registry
        self.layouts = layouts
        self.environment = environment
    }

    /// Loads, checks and renders everything the manifest asks for, writing nothing.
    ///
    /// Every output's bytes are held in memory; `outreach generate` streams instead, keeping
    /// only each output's size and digest.
    ///
    /// - Parameters:
    ///   - manifestURL: the `outreach.yml` file.
    ///   - displayPath: how to name it in diagnostics.
    ///   - output: an output folder that replaces the manifest's, with its display name.
    ///   - filters: which materials, formats and shard to make (default: everything).
    public func plan(
        manifest manifestURL: URL, displayPath: String, output: (url: URL, display: String)? = nil,
        filters: GenerateFilters = GenerateFilters()
    ) async throws(DiagnosticError) -> GenerationPlan {
        let run = try await prepare(manifest: manifestURL, displayPath: displayPath, output: output, filters: filters)
        var outputs = try await renderAndCheck(run, keepBytes: true, pathAndMaterial: { ($0.path, $0.material) }) { $0 }
        // In place: a sorted copy held every output twice.
        outputs.sort { $0.path < $1.path }
        var plan = GenerationPlan(
            outputFolder: run.folder.url, outputDisplayPath: run.folder.display,
            outputs: outputs, warnings: run.sink.diagnostics, usesRenderCache: usesRenderCache)
        plan.shard = filters.shard
        return plan
    }

    /// Loads, checks, renders and writes everything the manifest asks for, staging each
    /// output in the output folder as soon as it is rendered and keeping only its path,
    /// size and digest, so memory does not grow with the number of outputs.
    ///
    /// Nothing is written when anything fails before the renames (``OutputWriter``'s two phases).
    /// The outputs, sorted by path and without their bytes, are in `results` with what happened to
    /// each; the returned plan lists none of them, so they are not held twice.
    package func generate(
        manifest manifestURL: URL, displayPath: String, output: (url: URL, display: String)? = nil,
        filters: GenerateFilters = GenerateFilters(), writer: OutputWriter = OutputWriter()
    ) async throws(DiagnosticError) -> (plan: GenerationPlan, results: WriteResults) {
        // A rerun with every input as the last run left it, and every output as it wrote them.
        if usesRenderCache, writer.fault == nil,
           var answered = try RunRecord.rerun(manifest: manifestURL, displayPath: displayPath, output: output, filters: filters,
                                              strict: strict, environment: environment, registry: registry, layouts: layouts,
                                              lockTimeout: writer.lockTimeout) {
            answered.plan.answeredFromRecord = true
            return answered
        }
        let (session, sink, folder) = try await stageEverything(manifest: manifestURL, displayPath: displayPath, output: output,
                                                                filters: filters, writer: writer)
        // The run's materials and pages are gone: their memory goes back before the staged list is read back.
        FreedMemory.giveBack()
        let results: WriteResults
        // On a thread of its own: the flush (`syncfs`) can wait seconds on a busy disk, and must not hold
        // one of the few threads every task of the process shares.
        do { results = try await onOwnThread { () throws(DiagnosticError) in try session.commit() } } catch {
            throw DiagnosticError(sink.diagnostics + error.diagnostics)
        }
        var plan = GenerationPlan(
            outputFolder: folder.url, outputDisplayPath: folder.display,
            outputs: [], warnings: sink.diagnostics, usesRenderCache: usesRenderCache)
        plan.shard = filters.shard
        return (plan, results)
    }

    /// Phase 1 of ``generate(manifest:displayPath:output:filters:writer:)``: prepares the run and
    /// stages every output. The run's manifest, pages and cache are released when it returns, so
    /// they are not held while the session commits and saves the cache.
    private func stageEverything(
        manifest manifestURL: URL, displayPath: String, output: (url: URL, display: String)?,
        filters: GenerateFilters, writer: OutputWriter
    ) async throws(DiagnosticError) -> (WriteSession, DiagnosticSink, (url: URL, display: String)) {
        let run = try await prepare(manifest: manifestURL, displayPath: displayPath, output: output, filters: filters,
                                    keepsRecord: usesRenderCache)
        checkPaths(of: run)
        if run.sink.hasErrors { throw DiagnosticError(run.sink.diagnostics) }
        let session = try writer.begin(run.folder.url, display: run.folder.display, usesRenderCache: usesRenderCache)
        session.savesConcurrently = jobs > 1
        // The session keeps what it staged; nothing more is kept here.
        _ = await render(run, keepBytes: false) { output -> Result<Never?, DiagnosticError> in
            do throws(DiagnosticError) {
                try session.stage(output)
                return .success(nil)
            } catch { return .failure(error) }
        }
        if run.sink.hasErrors || (strict && !run.sink.diagnostics.isEmpty) {
            session.abandon()
            throw DiagnosticError(run.sink.diagnostics)
        }
        // A format that is never cached may give other bytes from the same inputs: no record then.
        // Asked of each material's formats in place: a list of every material's formats was 4.8 MB at
        // 100,000 materials, made at the end of the run's rendering, its peak.
        if var record = run.record, !run.manifest.materials.contains(where: { material in
            material.formats.contains { format in
                guard let renderer = run.maker.registry.entry(named: format)?.renderer else { return true }
                if case .uncacheable = renderer.cacheIdentity { return true }
                return false
            }
        }) {
            record.warnings = run.sink.diagnostics
            session.runRecord = record
        }
        return (session, run.sink, run.folder)
    }

    /// What a run knows before it lays anything out.
    struct Prepared {
        let manifest: Manifest
        /// Let go one by one as they are rendered.
        let pages: PageSlots
        let maker: JobMaker
        let folder: (url: URL, display: String)
        let cache: RenderCache?
        /// The outputs' stamps from the last run, read with the render cache.
        let state: OutputState?
        /// The files of the manifest's `assets:` folder, as outputs.
        let assets: [PlannedOutput]
        let sink: DiagnosticSink
        /// What the run's record will say of its inputs; nil when it keeps none.
        var record: RunRecord.Draft? = nil
    }

    /// Loads and checks the manifest and content and lists the pages to make; throws every problem found.
    func prepare(
        manifest manifestURL: URL, displayPath: String, output: (url: URL, display: String)?, filters: GenerateFilters,
        keepsRecord: Bool = false
    ) async throws(DiagnosticError) -> Prepared {
        let sink = DiagnosticSink()
        guard let manifest = ManifestLoader().load(manifestURL, displayPath: displayPath, sink: sink) else {
            throw DiagnosticError(sink.diagnostics)
        }
        FreedMemory.giveBack()
        let folder = output ?? (manifest.resolve(manifest.output), manifest.relative(manifest.output))
        // The folders this run reads, hashed before it reads them.
        let record = keepsRecord && !manifest.output.isEmpty ? recordDraft(manifestURL, displayPath: displayPath, manifest: manifest,
                                                                      folder: folder, filters: filters) : nil
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

        let planner = JobPlanner(manifest: manifest, campaign: campaign, registry: registry, layouts: layouts,
                                 templates: templates, date: date, filters: filters,
                                 binaryIdentity: usesRenderCache ? BinaryIdentity.current : nil, sink: sink)
        // The render cache and the stamps are read while the pages are planned: neither needs the other.
        // One after the other, not at once: each holds its file while it reads it, so only one
        // file's worth is held at a time.
        let folderURL = folder.url, caching = usesRenderCache
        async let loaded: (RenderCache?, OutputState?) = caching
            ? (RenderCache.load(from: folderURL), OutputState.load(from: folderURL)) : (nil, nil)
        let pages = planner.pages()
        planner.checkPartnerFanOut()
        let (cache, state) = await loaded
        // Assets are copied as they are; a run split with --shard takes those whose path is in its shard.
        let assets = AssetCollector(manifest: manifest, sink: sink).outputs(campaign)
            .filter { filters.shard?.contains($0.path) ?? true }
        return Prepared(manifest: manifest, pages: PageSlots(consume pages), maker: planner.maker, folder: folder, cache: cache, state: state,
                        assets: assets, sink: sink, record: record)
    }

    /// What the run's record will say of its inputs, or nil when the run keeps none: when the
    /// manifest declares an external format, an output folder lies inside a folder the run
    /// reads, or those folders cannot be hashed.
    private func recordDraft(
        _ url: URL, displayPath: String, manifest: Manifest, folder: (url: URL, display: String), filters: GenerateFilters
    ) -> RunRecord.Draft? {
        guard let manifestDigest = manifest.sourceDigest, !manifest.formats.contains(where: { $0.command != nil }),
              let roots = RunRecord.roots(of: manifest, userFormatFolders: FormatCatalog(environment: environment, sink: DiagnosticSink()).userFolders,
                                          outputFolder: folder.url) else { return nil }
        var tree = InputTree()
        var digests: [(path: String, digest: Digest256)] = []
        for root in roots {
            guard let digest = tree.digest(of: root) else { return nil }
            digests.append((root, digest))
        }
        let key = RunRecord.key(manifestDigest: manifestDigest, manifest: url, displayPath: displayPath, folder: folder.url,
                                display: folder.display, filters: filters, strict: strict, environment: environment,
                                roots: roots, registry: registry, layouts: layouts)
        return RunRecord.Draft(key: key, roots: digests, display: folder.display)
    }

    /// The campaign, or nil when the content has errors (reported to `sink`) or no folder was named.
    private func loadContent(_ manifest: Manifest, sink: DiagnosticSink) -> Campaign? {
        guard !manifest.content.isEmpty else { return nil }
        do {
            return try ContentLoader(folder: manifest.resolve(manifest.content), displayPath: manifest.relative(manifest.content)).load()
        } catch {
            for var diagnostic in error.diagnostics {
                // The folder itself is wrong: the manifest line that names it is where to fix it.
                if diagnostic.code == .contentFolderMissing { diagnostic.location = manifest.locations["content"] ?? diagnostic.location }
                sink.report(diagnostic)
            }
            return nil
        }
    }

    /// Renders every output of `run` (``render(_:keepBytes:deliver:)``), keeping what `keep` makes of
    /// each, and checks their paths for clashes; throws every problem found.
    func renderAndCheck<Kept: Sendable>(
        _ run: Prepared, keepBytes: Bool, pathAndMaterial: (Kept) -> (path: String, material: String),
        keep: @escaping @Sendable (PlannedOutput) -> Kept
    ) async throws(DiagnosticError) -> [Kept] {
        let kept = await render(run, keepBytes: keepBytes) { .success(keep($0)) }
        checkPaths(kept.lazy.map(pathAndMaterial), count: kept.count, lookup: { pathAndMaterial(kept[$0]) },
                   manifest: run.manifest, sink: run.sink)
        if run.sink.hasErrors { throw DiagnosticError(run.sink.diagnostics) }
        return kept
    }

    /// Lays out and renders every page, at most ``jobs`` at a time, and hands each file to
    /// `deliver` as soon as it is rendered; returns what `deliver` kept (nil: nothing), in page order.
    ///
    /// A page whose outputs the render cache vouches for under the same page key is not laid
    /// out at all. With `keepBytes` every output holds its bytes, read from disk when it was
    /// not rendered; without, an output taken from the cache may hold none.
    func render<Kept: Sendable>(
        _ run: Prepared, keepBytes: Bool, deliver: @escaping @Sendable (PlannedOutput) -> Result<Kept?, DiagnosticError>
    ) async -> [Kept] {
        let maker = run.maker, cache = run.cache, state = run.state, folder = run.folder.url
        let counter = ProgressCounter(total: run.pages.outputCount, report: progress)
        // A page's list has room for its formats' files from the first: grown by doubling, it had room for four.
        @Sendable func keep(_ kept: Kept, in outputs: inout [Kept], of page: Page) {
            if outputs.isEmpty { outputs.reserveCapacity(page.renderers.count) }
            outputs.append(kept)
        }
        let one: @Sendable (Page) async -> ([Kept], [Diagnostic]) = { page in
            var outputs: [Kept] = []
            var diagnostics: [Diagnostic] = []
            if let cached = maker.cachedOutputs(for: page, cache: cache, state: state, folder: folder, keepBytes: keepBytes) {
                for file in cached {
                    switch deliver(file) {
                    case .success(let kept): if let kept { keep(kept, in: &outputs, of: page) }
                    case .failure(let error): diagnostics += error.diagnostics
                    }
                    counter.advance()
                }
                return (outputs, diagnostics)
            }
            for job in maker.jobs(for: page) {
                switch await job.run(cache: cache, state: state, folder: folder, keepBytes: keepBytes) {
                case .success(let rendered):
                    diagnostics += rendered.diagnostics
                    for file in rendered.files {
                        switch deliver(file) {
                        case .success(let kept): if let kept { keep(kept, in: &outputs, of: page) }
                        case .failure(let error): diagnostics += error.diagnostics
                        }
                    }
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
                counter.advance()
            }
            return (outputs, diagnostics)
        }
        // A task takes a few pages at a time in a large kit: a page whose outputs are all cached takes
        // about as long as starting a task for it. A small kit keeps a task per page, so slow formats overlap.
        // Each page is let go once rendered; what its layout used untranslated is kept for the report.
        let pages = run.pages
        let perTask = max(1, min(8, pages.count / (16 * max(1, self.jobs))))
        let groups = stride(from: 0, to: pages.count, by: perTask).map { $0..<min($0 + perTask, pages.count) }
        let results = await groups.concurrentMap(limit: self.jobs) { group -> [([Kept], [Diagnostic], Untranslated?)] in
            var results: [([Kept], [Diagnostic], Untranslated?)] = []
            for index in group {
                guard let page = pages.take(index) else { continue }
                let (outputs, diagnostics) = await one(page)
                let texts = page.untranslated?.recorded ?? []
                // Only a page with something to hand on is kept: a streaming run keeps no outputs, and
                // 100,000 empty entries (each with room for a material) were 27 MB.
                guard !outputs.isEmpty || !diagnostics.isEmpty || !texts.isEmpty else { continue }
                results.append((outputs, diagnostics, texts.isEmpty ? nil : (page.material, page.locale, texts)))
            }
            return results
        }.joined()
        JobPlanner.reportUntranslated(results.compactMap(\.2), manifest: run.manifest, sink: run.sink)
        // Room for all at once: grown by doubling, a list of 300,000 outputs was held twice while it was copied.
        var outputs: [Kept] = []
        outputs.reserveCapacity(results.reduce(run.assets.count) { $0 + $1.0.count })
        for (kept, diagnostics, _) in results {
            outputs += kept
            for diagnostic in diagnostics { run.sink.report(diagnostic) }
        }
        for asset in run.assets {
            switch deliver(asset) {
            case .success(let kept): if let kept { outputs.append(kept) }
            case .failure(let error): for diagnostic in error.diagnostics { run.sink.report(diagnostic) }
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
