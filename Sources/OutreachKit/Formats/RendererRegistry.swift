/// The output formats a generator can produce, by name.
///
/// A value, not a global: pass a registry with your own renderers added to
/// ``Generator`` to make them available to manifests.
public struct RendererRegistry: Sendable {
    private var renderers: [String: any Renderer] = [:]

    /// An empty registry.
    public init() {}

    /// The built-in formats: `markdown`, `text` and `html`.
    public static var builtIn: RendererRegistry {
        var registry = RendererRegistry()
        registry.register(MarkdownRenderer())
        registry.register(PlainTextRenderer())
        registry.register(HTMLRenderer())
        return registry
    }

    /// Adds a renderer, replacing one with the same format name.
    public mutating func register(_ renderer: any Renderer) {
        renderers[renderer.format.name] = renderer
    }

    /// The renderer for a format name.
    public func renderer(named name: String) -> (any Renderer)? { renderers[name] }

    /// Every format, sorted by name.
    public var formats: [FormatDescriptor] { renderers.values.map(\.format).sorted { $0.name < $1.name } }

    /// Every format name, sorted.
    public var names: [String] { renderers.keys.sorted() }
}
