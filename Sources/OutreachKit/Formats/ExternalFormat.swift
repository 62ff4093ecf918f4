import Foundation

/// A format rendered by another program, in any language, over the JSON protocol.
public struct ExternalFormat: Renderer {
    /// The format's name, extension, media type and summary, from the program's `describe` answer.
    public let format: FormatDescriptor
    /// The program and its arguments.
    public let command: [String]

    /// Asks `command` to describe itself and returns the format it renders.
    ///
    /// - Parameters:
    ///   - workingDirectory: where the command runs (the manifest's folder).
    ///   - timeout: seconds the program may take for one request.
    ///   - expectedName: the name the manifest or PATH lookup used, if any; a different answer is an error.
    public static func load(
        command: [String], workingDirectory: URL, timeout: Double, expectedName: String?
    ) throws(DiagnosticError) -> ExternalFormat {
        throw DiagnosticError([.error("external formats are not implemented yet")])
    }

    public func render(_ document: Document, options: RenderOptions) throws -> Rendered {
        throw Diagnostic.error("external formats are not implemented yet")
    }
}
