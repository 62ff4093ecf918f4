import Foundation

/// The runs that write nothing: `outreach validate` and `generate --check`.
extension Generator {
    /// What ``plan(manifest:displayPath:output:filters:)`` finds, with only a summary of each output
    /// (``OutputSummary``, 56 bytes; no bytes), sorted by path: what `outreach validate` reports.
    /// The returned plan lists no outputs.
    package func summarize(
        manifest manifestURL: URL, displayPath: String, output: (url: URL, display: String)? = nil,
        filters: GenerateFilters = GenerateFilters()
    ) async throws(DiagnosticError) -> (plan: GenerationPlan, outputs: [OutputSummary]) {
        let run = try await prepare(manifest: manifestURL, displayPath: displayPath, output: output, filters: filters)
        var outputs = try await renderAndCheck(run, keepBytes: false, pathAndMaterial: { ($0.path, $0.material) }, keep: OutputSummary.init)
        outputs.sort { $0.path < $1.path }
        var plan = GenerationPlan(outputFolder: run.folder.url, outputDisplayPath: run.folder.display,
                                  outputs: [], warnings: run.sink.diagnostics, usesRenderCache: usesRenderCache)
        plan.shard = filters.shard
        return (plan, outputs)
    }

    /// `generate --check` streaming: renders every output and compares it with the file on
    /// disk as soon as it is rendered, keeping only its entry, with the folder locked shared.
    ///
    /// The returned plan lists no outputs: each entry says what the manifest makes at its path.
    ///
    /// - Parameter extras: whether to list files the run does not make; leave it off when
    ///   the run was filtered to some materials or formats.
    package func check(
        manifest manifestURL: URL, displayPath: String, output: (url: URL, display: String)? = nil,
        filters: GenerateFilters = GenerateFilters(), extras: Bool, lockTimeout: Double = 30
    ) async throws(DiagnosticError) -> (plan: GenerationPlan, entries: [CheckEntry]) {
        let run = try await prepare(manifest: manifestURL, displayPath: displayPath, output: output, filters: filters)
        let root = run.folder.url.standardizedFileURL
        let lock = try OutputLock.acquire(in: root, display: run.folder.display, shared: true, timeout: lockTimeout)
        defer { lock?.release() }
        var plan = GenerationPlan(outputFolder: run.folder.url, outputDisplayPath: run.folder.display, outputs: [], warnings: [])
        plan.shard = filters.shard
        let folder = run.folder.display
        let checker = OutputChecker()
        // Room for every entry from the start, and taken out at the end: grown by doubling and then
        // copied, the list was held two and three times over (300,000 outputs: 75 MB). The entries come
        // in the order renders finish; each output's summary, kept in page order, is what the check of
        // clashing paths reads, so which of two clashing materials it names does not depend on timing.
        let entries = LockedList<CheckEntry>(capacity: run.pages.outputCount + run.assets.count)
        _ = try await renderAndCheck(run, keepBytes: true, pathAndMaterial: { ($0.path, $0.material) }) { output in
            entries.append(checker.entry(for: output, in: root) { folder.hasSuffix("/") ? folder + $0 : folder + "/" + $0 })
            return OutputSummary(output)
        }
        plan.warnings = run.sink.diagnostics
        var all = entries.take()
        // Sorted in place, not copied: each copy held every entry once more.
        all.sort { $0.path < $1.path }
        // A file on disk is made by the run when the sorted entries have its path (no set of every path is made).
        if extras {
            let found = checker.extraEntries(in: root, isPlanned: { path in
                var low = 0, high = all.count
                while low < high {
                    let middle = (low + high) / 2
                    if all[middle].path < path { low = middle + 1 } else { high = middle }
                }
                return low < all.count && all[low].path == path
            }, shard: filters.shard)
            if !found.isEmpty {
                all += found
                all.sort { $0.path < $1.path }
            }
        }
        return (plan, all)
    }
}
