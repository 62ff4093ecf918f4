/// The output formats a generator can produce, by name.
///
/// A value, not a global: pass a registry with your own renderers added to
/// ``Generator`` to make them available to manifests.
public struct RendererRegistry: Sendable {
    /// A format with the renderer behind it and where it came from.
    public struct Entry: Sendable {
        /// The renderer.
        public var renderer: any Renderer
        /// Where the format came from.
        public var source: FormatSource
        /// Options the manifest gives the format.
        public var options: [String: JSONValue]
    }

    private var entries: [String: Entry] = [:]

    /// An empty registry.
    public init() {}

    /// The built-in formats: `markdown`, `text`, `html` and `pdf`.
    public static var builtIn: RendererRegistry {
        var registry = RendererRegistry()
        registry.register(MarkdownRenderer())
        registry.register(PlainTextRenderer())
        registry.register(HTMLRenderer())
        registry.register(PDFRenderer())
        return registry
    }

    /// Adds a renderer, replacing one with the same format name.
    public mutating func register(_ renderer: any Renderer, source: FormatSource = .builtIn) {
        let options = entries[renderer.format.name]?.options ?? [:]
        entries[renderer.format.name] = Entry(renderer: renderer, source: source, options: options)
    }

    /// Sets the options the manifest gives a registered format.
    mutating func setOptions(_ options: [String: JSONValue], for name: String) {
        entries[name]?.options = options
    }

    /// The renderer for a format name.
    public func renderer(named name: String) -> (any Renderer)? { entries[name]?.renderer }

    /// The entry for a format name.
    public func entry(named name: String) -> Entry? { entries[name] }

    /// Every entry, sorted by format name.
    public var allEntries: [Entry] { entries.keys.sorted().compactMap { entries[$0] } }

    /// Every format, sorted by name.
    public var formats: [FormatDescriptor] { allEntries.map(\.renderer.format) }

    /// Every format name, sorted.
    public var names: [String] { entries.keys.sorted() }
}

/// Where a format comes from.
public enum FormatSource: Sendable, Hashable, Codable {
    /// Compiled into outreach or registered by a package that uses OutreachKit.
    case builtIn
    /// A template format folder.
    case template(folder: String)
    /// An external executable and its arguments.
    case external(command: [String])

    /// `built-in`, `template`, or `external`.
    public var kind: String {
        switch self {
        case .builtIn: return "built-in"
        case .template: return "template"
        case .external: return "external"
        }
    }

    /// The folder or command, for listings; empty for built-in formats.
    public var detail: String {
        switch self {
        case .builtIn: return ""
        case .template(let folder): return folder
        case .external(let command): return command.joined(separator: " ")
        }
    }
}
