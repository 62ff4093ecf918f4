import Foundation

/// What `generate --check` found for one file.
package struct CheckEntry: Sendable, Hashable {
    /// How a file on disk compares with what the manifest makes.
    package enum Status: String, Sendable, Codable {
        /// On disk with exactly the bytes outreach makes.
        case unchanged
        /// On disk with other bytes.
        case stale
        /// Made by the manifest but not on disk.
        case missing
        /// On disk in the output folder but no longer made by the manifest.
        case extra
    }

    /// The path relative to the output folder.
    package var path: String
    /// How it compares.
    package var status: Status
    /// What the manifest makes there (path, format, material and size), for files it makes.
    package var output: OutputSummary?
    /// A short unified diff from disk to the new bytes, for stale text files.
    package var diff: String?
}

/// Compares a plan with the output folder, writing nothing: `generate --check`,
/// the way `gofmt -l` keeps committed code honest.
package struct OutputChecker: Sendable {
    /// Creates a checker.
    package init() {}

    /// Every planned file's status, then every extra file, sorted by path.
    ///
    /// - Parameter extras: whether to list files the plan does not make; leave
    ///   this off when the run was filtered to some materials or formats.
    ///
    /// Holds a shared lock on the folder while it reads, so that it never sees a `generate` half done.
    package func check(_ plan: GenerationPlan, extras: Bool, lockTimeout: Double = 30) throws(DiagnosticError) -> [CheckEntry] {
        var entries: [CheckEntry] = []
        let root = plan.outputFolder.standardizedFileURL
        let lock = try OutputLock.acquire(in: root, display: plan.outputDisplayPath, shared: true, timeout: lockTimeout)
        defer { lock?.release() }
        for output in plan.outputs { entries.append(entry(for: output, in: root, display: plan.displayPath)) }
        if extras {
            let planned = Set(plan.outputs.map(\.path))
            entries += extraEntries(in: root, isPlanned: planned.contains, shard: plan.shard)
        }
        return entries.sorted { $0.path < $1.path }
    }

    /// How one output compares with the file on disk, reading that file once; the entry keeps no bytes.
    func entry(for output: PlannedOutput, in root: URL, display: (String) -> String) -> CheckEntry {
        let kept = OutputSummary(output)
        let target = root.appendingPathComponent(output.path)
        guard let existing = FileManager.default.contents(atPath: target.path) else {
            return CheckEntry(path: output.path, status: .missing, output: kept)
        }
        if existing == output.contents { return CheckEntry(path: output.path, status: .unchanged, output: kept) }
        let diff = UnifiedDiff.text(old: existing, new: output.contents, path: display(output.path))
        return CheckEntry(path: output.path, status: .stale, output: kept, diff: diff)
    }

    /// Files on disk that no planned output is; a shard lists only those whose paths hash to it,
    /// so the shards' lists add up to the whole run's.
    func extraEntries(in root: URL, isPlanned: (String) -> Bool, shard: Shard?) -> [CheckEntry] {
        var extras: [CheckEntry] = []
        forEachFileOnDisk(in: root) { path in
            if !isPlanned(path) && shard?.contains(path) != false { extras.append(CheckEntry(path: path, status: .extra)) }
        }
        return extras
    }

    /// Each regular file under `root`, relative to it, leaving out hidden files and folders; one at a
    /// time, so a folder of 300,000 files is not listed in memory.
    private func forEachFileOnDisk(in root: URL, _ body: (String) -> Void) {
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return }
        let base = root.resolvingSymlinksInPath().path
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.resolvingSymlinksInPath().path
            if path.hasPrefix(base + "/") { body(String(path.dropFirst(base.count + 1))) }
        }
    }
}
