import Foundation

/// Finds the formats beyond the built-in ones: template format folders (the
/// manifest's and the user's) and external programs (declared in the manifest
/// or found on PATH as `outreach-format-NAME`, the way git finds subcommands).
struct FormatCatalog {
    static let pathPrefix = "outreach-format-"

    let environment: [String: String]
    let sink: DiagnosticSink

    /// The user-level template format folders: `$OUTREACH_FORMATS_PATH` (colon-separated),
    /// else `$XDG_CONFIG_HOME/outreach/formats`, else `~/.config/outreach/formats`.
    var userFolders: [URL] {
        if let list = environment["OUTREACH_FORMATS_PATH"] {
            return list.split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            return [URL(fileURLWithPath: config).appendingPathComponent("outreach/formats")]
        }
        guard let home = environment["HOME"], !home.isEmpty else { return [] }
        return [URL(fileURLWithPath: home).appendingPathComponent(".config/outreach/formats")]
    }

    /// `base` with the manifest's formats, the user's template formats and, for
    /// names the materials use but nothing else provides, programs on PATH.
    func registry(extending base: RendererRegistry, for manifest: Manifest?) async -> RendererRegistry {
        var registry = base
        var folders: [(URL, String, SourceLocation?)] = []
        for declaration in manifest?.formats ?? [] {
            if let folder = declaration.folder, let manifest {
                folders.append((manifest.resolve(folder), manifest.relative(folder), declaration.location))
            }
        }
        for folder in userFolders { folders.append((folder, folder.path, nil)) }
        for (url, display, location) in folders {
            addTemplateFormats(in: url, displayPath: display, declaredAt: location, to: &registry)
        }
        for declaration in manifest?.formats ?? [] {
            guard let name = declaration.name, let manifest else { continue }
            if let command = declaration.command, !command.isEmpty {
                if let existing = registry.entry(named: name) {
                    let other = existing.source == .builtIn ? "a built-in format" : "the template format in \(quoted(existing.source.detail))"
                    sink.error(.formatNameTaken, "external format \(quoted(name)) has the name of \(other)", at: declaration.location,
                               hint: "give the external format another name")
                    continue
                }
                await addExternal(command, name: name, timeout: declaration.timeout, in: manifest.baseFolder,
                            at: declaration.location, to: &registry)
            }
        }
        if let manifest {
            // Gathered material by material: a list of every material's formats first was 4.8 MB at 100,000.
            var used = Set(manifest.formats.compactMap(\.name))
            for material in manifest.materials { used.formUnion(material.formats) }
            for name in used.sorted() where registry.entry(named: name) == nil {
                guard let program = findOnPath(Self.pathPrefix + name) else { continue }
                let timeout = manifest.formats.first { $0.name == name }?.timeout
                await addExternal([program.path], name: name, timeout: timeout, in: manifest.baseFolder, at: nil, to: &registry)
            }
            for declaration in manifest.formats {
                guard let name = declaration.name else { continue }
                if registry.entry(named: name) == nil {
                    sink.error(.unknownFormat, "unknown format \(quoted(name)) in 'formats'", at: declaration.location,
                               hint: "available: \(quotedList(registry.names)); or give it a 'command', or put \(Self.pathPrefix)\(name) on PATH")
                } else {
                    registry.setOptions(declaration.options, for: name)
                }
            }
        }
        return registry
    }

    /// Every `outreach-format-*` program on PATH, described, for listings.
    func externalFormatsOnPath(extending base: RendererRegistry, workingDirectory: URL) async -> RendererRegistry {
        var registry = base
        for program in programsOnPath(withPrefix: Self.pathPrefix) {
            let name = String(program.lastPathComponent.dropFirst(Self.pathPrefix.count))
            guard registry.entry(named: name) == nil else { continue }
            await addExternal([program.path], name: name, timeout: nil, in: workingDirectory, at: nil, to: &registry)
        }
        return registry
    }

    private func addTemplateFormats(in folder: URL, displayPath: String, declaredAt: SourceLocation?, to registry: inout RendererRegistry) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            if let declaredAt {
                sink.error(.formatFolderMissing, "template format folder \(quoted(displayPath)) does not exist", at: declaredAt)
            }
            return
        }
        var formatFolders: [(URL, String)] = []
        if fileManager.fileExists(atPath: folder.appendingPathComponent("format.yml").path) {
            formatFolders.append((folder, displayPath))
        } else {
            let names = ((try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            for name in names where fileManager.fileExists(atPath: folder.appendingPathComponent(name + "/format.yml").path) {
                formatFolders.append((folder.appendingPathComponent(name), displayPath + "/" + name))
            }
        }
        for (url, display) in formatFolders {
            do {
                let format = try TemplateFormat.load(from: url, displayPath: display)
                if let existing = registry.entry(named: format.format.name) {
                    // No format silently replaces another: a built-in's name, or a name two folders give.
                    let other = existing.source == .builtIn ? "a built-in format" : "the template format in \(quoted(existing.source.detail + "/format.yml"))"
                    sink.error(.formatNameTaken, "template format \(quoted(format.format.name)) in \(quoted(display)) has the name of \(other)",
                               at: format.nameLocation ?? SourceLocation(file: display + "/format.yml"), hint: "rename one of them in its format.yml")
                    continue
                }
                registry.register(format, source: .template(folder: display))
                for warning in format.warnings { sink.report(warning) }
            } catch {
                for diagnostic in error.diagnostics { sink.report(diagnostic) }
            }
        }
    }

    private func addExternal(
        _ command: [String], name: String, timeout: Double?, in folder: URL, at location: SourceLocation?,
        to registry: inout RendererRegistry
    ) async {
        do {
            let format = try await ExternalFormat.load(command: command, workingDirectory: folder, timeout: timeout ?? 30, expectedName: name)
            registry.register(format, source: .external(command: command))
        } catch {
            for var diagnostic in error.diagnostics {
                if diagnostic.location == nil { diagnostic.location = location }
                sink.report(diagnostic)
            }
        }
    }

    private var searchPath: [URL] {
        (environment["PATH"] ?? "").split(separator: ":").map { URL(fileURLWithPath: String($0)) }
    }

    private func findOnPath(_ name: String) -> URL? {
        searchPath.map { $0.appendingPathComponent(name) }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    private func programsOnPath(withPrefix prefix: String) -> [URL] {
        var seen: Set<String> = []
        var programs: [URL] = []
        for folder in searchPath {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            for name in names where name.hasPrefix(prefix) && name.count > prefix.count && seen.insert(name).inserted {
                let url = folder.appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { programs.append(url) }
            }
        }
        return programs
    }
}
