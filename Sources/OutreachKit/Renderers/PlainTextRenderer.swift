// PLACEHOLDER until the real renderer lands (being written in parallel).
public struct PlainTextRenderer: Renderer {
    public init() {}
    public var format: FormatDescriptor { FormatDescriptor(name: "text", fileExtension: "txt", mediaType: "text/plain", summary: "placeholder") }
    public func render(_ document: Document, options: RenderOptions) throws -> Rendered {
        Rendered(document.metadata.title + "\n")
    }
}
