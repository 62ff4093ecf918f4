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
    /// What the output is made from, when it may be taken from the render cache.
    var cacheKey: Digest256?
    /// What its page was laid out from, when the next run may skip laying it out.
    var pageKey: Digest256?
    /// The content texts the page's layout used untranslated.
    var untranslated: [String]?

    /// Renders the document, or takes the output from the render cache when the file on disk
    /// was made from the same document; with `keepBytes` the output holds its bytes either way.
    func run(cache: RenderCache?, state: OutputState?, folder: URL, keepBytes: Bool) async -> Result<Output, Diagnostic> {
        if let cacheKey, let cache, let entry = cache.entries[path], entry.key == cacheKey,
           let onDisk = cache.onDisk(path, entry: entry, state: state, in: folder, keepBytes: keepBytes) {
            var output = PlannedOutput(cached: path, format: renderer.format.name, material: material.id,
                                       locale: document.metadata.locale, onDisk: onDisk, entry: entry)
            output.pageKey = pageKey
            output.untranslated = untranslated
            output.recordedInCache = entry.page == pageKey && (entry.untranslated ?? []) == (untranslated ?? [])
            return .success(Output(files: [output], diagnostics: []))
        }
        do {
            let rendered = try await renderer.render(document, options: options)
            let cacheable = rendered.files.count == 1 && rendered.files.first?.path == nil && rendered.diagnostics.isEmpty
            let files = rendered.files.map { file in
                // A file the format names itself goes beside the page's path (found only then: it was 1.5% of a run).
                let filePath = file.path.map { own in
                    let directory = (path as NSString).deletingLastPathComponent
                    return directory.isEmpty ? own : directory + "/" + own
                } ?? path
                var output = PlannedOutput(path: filePath, format: renderer.format.name, material: material.id, contents: file.contents)
                output.cacheKey = cacheable ? cacheKey : nil
                output.pageKey = cacheable ? pageKey : nil
                output.untranslated = untranslated
                output.locale = document.metadata.locale
                return output
            }
            let diagnostics = rendered.diagnostics.map { diagnostic in
                var diagnostic = diagnostic
                diagnostic.message = "\(path): \(diagnostic.message)"
                if diagnostic.location == nil { diagnostic.location = material.location("id") }
                return diagnostic
            }
            return .success(Output(files: files, diagnostics: diagnostics))
        } catch {
            // A coded error keeps its code, and a diagnostic its message without a second code.
            let reason = (error as? Diagnostic)?.message ?? "\(error)"
            return .failure(.error((error as? any DiagnosticCoded)?.code ?? .renderFailed,
                                   "cannot render material \(quoted(material.id)) as \(quoted(renderer.format.name)): \(reason)",
                                   at: material.location("id")))
        }
    }
}
