import Foundation

/// A format defined by a folder, with no Swift and no rebuild: a `format.yml`
/// descriptor and one or more Mustache templates.
public struct TemplateFormat: Renderer {
    /// The format's name, extension, media type and summary, from `format.yml`.
    public let format: FormatDescriptor
    /// The folder, as named in diagnostics.
    public let folder: String

    /// Loads the format in `folder`; every problem is reported with its file and line.
    public static func load(from folder: URL, displayPath: String) throws(DiagnosticError) -> TemplateFormat {
        throw DiagnosticError([.error("template formats are not implemented yet", at: SourceLocation(file: displayPath))])
    }

    public func render(_ document: Document, options: RenderOptions) throws -> Rendered {
        throw Diagnostic.error("template formats are not implemented yet")
    }
}
