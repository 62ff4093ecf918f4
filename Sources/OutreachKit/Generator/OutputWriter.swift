import Foundation

/// What happened to one output file.
public enum WriteStatus: String, Sendable, Codable {
    /// The file was new or its bytes changed, and it was written.
    case written
    /// The file already held these bytes and was left alone.
    case unchanged
}

/// Writes a plan's files into its output folder: atomically, only inside the
/// folder, and only when the bytes changed.
public struct OutputWriter: Sendable {
    /// Creates a writer.
    public init() {}

    /// Writes every output of `plan` and says what happened to each.
    public func write(_ plan: GenerationPlan) throws(DiagnosticError) -> [(PlannedOutput, WriteStatus)] {
        let fileManager = FileManager.default
        let root = plan.outputFolder.standardizedFileURL
        do {
            try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw DiagnosticError([.error(.outputFolderUncreatable, "cannot create output folder \(quoted(plan.outputDisplayPath)): \(error.localizedDescription)")])
        }
        let realRoot = root.resolvingSymlinksInPath().path
        // Check every target before writing any, so a refused file leaves the folder as it was.
        // Files the render cache vouches for are not written, so they need no check.
        for output in plan.outputs where !output.knownOnDisk {
            if let reason = escapeReason(output.path) {
                throw DiagnosticError([.error(.outputPathEscapes, "refusing to write \(quoted(output.path)): it \(reason)")])
            }
            var ancestor = root.appendingPathComponent(output.path).deletingLastPathComponent()
            while !fileManager.fileExists(atPath: ancestor.path) { ancestor.deleteLastPathComponent() }
            let real = ancestor.resolvingSymlinksInPath().path
            guard real == realRoot || real.hasPrefix(realRoot + "/") else {
                throw DiagnosticError([.error(.outputSymlinkEscapes,
                    "refusing to write \(quoted(plan.displayPath(output.path))): a symbolic link leads outside the output folder")])
            }
        }
        var results: [(PlannedOutput, WriteStatus)] = []
        var folders: Set<String> = [root.path]
        for output in plan.outputs {
            let target = root.appendingPathComponent(output.path)
            if output.knownOnDisk {
                results.append((output, .unchanged))
                continue
            }
            do {
                let folder = target.deletingLastPathComponent()
                if folders.insert(folder.path).inserted {
                    try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
                }
                if let existing = fileManager.contents(atPath: target.path), existing == output.contents {
                    results.append((output, .unchanged))
                    continue
                }
                try writeAtomically(output.contents, to: target)
                results.append((output, .written))
            } catch {
                throw DiagnosticError([.error(.writeFailed, "cannot write \(quoted(plan.displayPath(output.path))): \(error.localizedDescription)")])
            }
        }
        if plan.usesRenderCache { saveCache(for: plan.outputs, in: root) }
        return results
    }

    /// Records what each output was made from; rewritten only when it changed, so a
    /// rerun that changes nothing writes nothing. A cache that cannot be saved only
    /// costs the next run its shortcut.
    private func saveCache(for outputs: [PlannedOutput], in root: URL) {
        // Every output came from the cache, so the cache already says all there is to say.
        if outputs.allSatisfy(\.knownOnDisk) { return }
        var cache = RenderCache.load(from: root)
        let before = cache.data
        cache.record(outputs)
        let after = cache.data
        if after != before || !FileManager.default.fileExists(atPath: root.appendingPathComponent(RenderCache.fileName).path) {
            try? writeAtomically(after, to: root.appendingPathComponent(RenderCache.fileName))
        }
    }

    /// Writes to a temporary file beside the target, then renames it over the target.
    private func writeAtomically(_ data: Data, to target: URL) throws {
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).outreach-\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, target.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
