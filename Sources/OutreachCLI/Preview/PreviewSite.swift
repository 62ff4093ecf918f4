#if Preview
import Foundation
import OutreachKit

/// What the preview serves: the output folder that the last run wrote, the
/// outputs and problems of that run, and a counter of runs that listeners
/// follow to reload.
actor PreviewSite {
    let manifest: URL
    let displayPath: String
    let registry: RendererRegistry
    private(set) var outputFolder: URL
    var title: String { displayPath }
    private(set) var outputs: [PlannedOutput] = []
    private(set) var problems: [Diagnostic] = []
    private(set) var generation = 0
    private var listeners: [UUID: AsyncStream<Int>.Continuation] = [:]

    init(manifest: URL, displayPath: String, registry: RendererRegistry) {
        self.manifest = manifest
        self.displayPath = displayPath
        self.registry = registry
        outputFolder = manifest.deletingLastPathComponent()
    }

    /// Makes the materials again through the render cache, writing only into the output folder.
    /// Returns the problems of the run.
    @discardableResult
    func regenerate() async -> [Diagnostic] {
        var generator = Generator(registry: registry)
        generator.usesRenderCache = true
        do {
            let plan = try await generator.plan(manifest: manifest, displayPath: displayPath)
            _ = try OutputWriter().write(plan)
            outputFolder = plan.outputFolder
            outputs = plan.outputs
            problems = plan.warnings
        } catch {
            problems = error.diagnostics
        }
        if outputs.isEmpty, let loaded = try? ManifestLoader().load(manifest, displayPath: displayPath) {
            outputFolder = resolve(loaded.output)
        }
        generation += 1
        for listener in listeners.values { listener.yield(generation) }
        return problems
    }

    /// The folders and files whose changes make the preview run again, and the output folder it leaves out.
    func watcher() -> InputWatcher {
        var roots = [manifest]
        if let loaded = try? ManifestLoader().load(manifest, displayPath: displayPath) {
            roots.append(resolve(loaded.content))
            if let templates = loaded.templates { roots.append(resolve(templates)) }
            roots += loaded.formats.compactMap(\.folder).map(resolve)
            if let assets = loaded.assets { roots.append(resolve(assets)) }
        }
        roots.append(manifest.deletingLastPathComponent())
        return InputWatcher(roots: roots, excluded: [outputFolder])
    }

    /// The run counter, now and after every run, until the listener stops listening.
    func changes() -> AsyncStream<Int> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        continuation.onTermination = { _ in Task { await self.removeListener(id) } }
        listeners[id] = continuation
        return stream
    }

    private func removeListener(_ id: UUID) {
        listeners[id] = nil
    }

    /// Ends every listener, so that open event streams close.
    func finishListeners() {
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }

    /// A file of the output folder for a request path; nil for anything outside it, hidden or missing.
    func file(for requestPath: String) -> URL? {
        let decoded = requestPath.removingPercentEncoding ?? requestPath
        let parts = decoded.split(separator: "/").map(String.init)
        guard !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") || $0.contains("\0") }) else { return nil }
        let folder = outputFolder.standardizedFileURL
        let url = parts.reduce(folder) { $0.appendingPathComponent($1) }.standardizedFileURL
        guard url.path.hasPrefix(folder.path + "/") else { return nil }
        // A symbolic link must not lead out of the folder either.
        let real = url.resolvingSymlinksInPath().path
        guard real.hasPrefix(folder.resolvingSymlinksInPath().path + "/") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return url
    }

    private func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : manifest.deletingLastPathComponent().appendingPathComponent(path)
    }
}
#endif
