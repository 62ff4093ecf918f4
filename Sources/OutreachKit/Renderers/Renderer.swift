import Foundation

/// Turns a ``Document`` into the bytes of one output format.
///
/// A renderer is a pure async function of a self-describing document and its
/// options: it never reads the campaign model, and the same document and
/// options give the same bytes. A new format is one type conforming to this
/// protocol. A renderer that does not wait on anything may implement
/// `render` as a synchronous function; one that runs a program or does I/O
/// awaits it, and stops when its task is cancelled.
public protocol Renderer: Sendable {
    /// The format's name, extension, media type and summary.
    var format: FormatDescriptor { get }
    /// Renders a document.
    func render(_ document: Document, options: RenderOptions) async throws -> Rendered
    /// What, besides the document, its options and the code compiled into
    /// outreach, decides the output; the render cache keys on it.
    var cacheIdentity: RenderCacheIdentity { get }
}

extension Renderer {
    /// Output that depends only on the document, its options and compiled code.
    public var cacheIdentity: RenderCacheIdentity { .compiledIn }
}

/// What a renderer's output depends on beyond the document and its options,
/// so the render cache knows when an output made earlier is still right.
public enum RenderCacheIdentity: Sendable, Hashable {
    /// Only code compiled into this binary: the binary's own digest covers it.
    case compiledIn
    /// Also files the renderer read when it was loaded, given as a digest of their bytes.
    case files(digest: String)
    /// Something that can change between runs, such as another program: never cached.
    case uncacheable
}

/// What a format is called and what its files look like.
public struct FormatDescriptor: Sendable, Codable, Hashable {
    /// The name used in manifests, such as `html`.
    public var name: String
    /// The file extension without a dot, such as `html`.
    public var fileExtension: String
    /// The media type, such as `text/html`.
    public var mediaType: String
    /// One line saying what the format is.
    public var summary: String

    /// Creates a descriptor.
    public init(name: String, fileExtension: String, mediaType: String, summary: String) {
        self.name = name
        self.fileExtension = fileExtension
        self.mediaType = mediaType
        self.summary = summary
    }
}

/// The paper a printable format lays out for.
public enum Paper: String, Sendable, Codable, Hashable, CaseIterable {
    case letter, a4

    /// The CSS `@page` size keyword.
    public var cssSize: String { self == .letter ? "letter" : "A4" }
}

/// How large printable formats set their type.
public enum PrintSize: String, Sendable, Codable, Hashable, CaseIterable {
    /// Compact print: body about 10.5 pt, nothing under 8 pt.
    case standard
    /// Large print for accessible copies: body about 18 pt; page budgets double.
    case large
}

/// Settings a renderer honours, from the manifest's defaults and a material's options.
public struct RenderOptions: Sendable, Hashable {
    /// The paper size for printable formats.
    public var paper: Paper
    /// The column to wrap plain text at.
    public var textWidth: Int
    /// Whether plain text must be ASCII only.
    public var asciiOnly: Bool
    /// The page templates: the built-in ones or a manifest's overrides.
    public var templates: TemplateSet
    /// Options the manifest gives this format, under `formats:`.
    public var formatOptions: [String: JSONValue]
    /// The print size of printable formats.
    public var printSize: PrintSize
    /// Whether printable formats draw QR codes beside contacts that have a QR target.
    public var qrCodes: Bool
    /// Where the file being rendered goes, relative to the output folder (such as
    /// `es/handout.html`), when a run renders it; images use it to point at assets.
    public var outputPath: String?

    /// Creates options.
    public init(
        paper: Paper = .letter, textWidth: Int = 72, asciiOnly: Bool = false, templates: TemplateSet = .builtIn,
        formatOptions: [String: JSONValue] = [:], printSize: PrintSize = .standard, qrCodes: Bool = true
    ) {
        self.paper = paper
        self.textWidth = textWidth
        self.asciiOnly = asciiOnly
        self.templates = templates
        self.formatOptions = formatOptions
        self.printSize = printSize
        self.qrCodes = qrCodes
    }
}

/// The files a renderer made for one document.
public struct Rendered: Sendable, Hashable {
    /// The files; most formats make exactly one.
    public var files: [RenderedFile]
    /// Warnings and notes about the result, such as a text message that needs two segments.
    public var diagnostics: [Diagnostic]

    /// Creates a result from its files.
    public init(files: [RenderedFile], diagnostics: [Diagnostic] = []) {
        self.files = files
        self.diagnostics = diagnostics
    }

    /// A result of one file at the material's own output path.
    public init(_ contents: String) {
        self.files = [RenderedFile(contents: Data(contents.utf8))]
        self.diagnostics = []
    }
}

/// One file a renderer made.
public struct RenderedFile: Sendable, Hashable {
    /// A path relative to the material's output path; `nil` is the output path itself.
    public var path: String?
    /// The bytes.
    public var contents: Data

    /// Creates a file.
    public init(path: String? = nil, contents: Data) {
        self.path = path
        self.contents = contents
    }
}

extension RenderOptions {
    /// `path` (relative to the output folder) as a relative reference from the file being rendered:
    /// `assets/logo.svg` from `partners/x/handout.html` is `../../assets/logo.svg`.
    public func relativeReference(to path: String) -> String {
        guard let outputPath else { return path }
        let depth = outputPath.split(separator: "/", omittingEmptySubsequences: true).count - 1
        return String(repeating: "../", count: max(depth, 0)) + path
    }
}
