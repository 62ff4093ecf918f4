// PLACEHOLDER until the real renderer lands (being written in parallel).
public struct HTMLRenderer: Renderer {
    public init() {}
    public var format: FormatDescriptor { FormatDescriptor(name: "html", fileExtension: "html", mediaType: "text/plain", summary: "placeholder") }
    public func render(_ document: Document, options: RenderOptions) throws -> Rendered {
        Rendered(document.metadata.title + "\n")
    }
}
