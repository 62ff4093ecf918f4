import Foundation
internal import Mustache

/// A format defined by a folder, with no Swift and no rebuild: a `format.yml`
/// descriptor and one or more Mustache templates.
///
/// `format.yml` names the format and its base format (`markdown`, `text` or
/// `html`). The base decides how content is converted before it reaches the
/// templates: the blocks are written by that format's own writers, and for
/// `html` `{{name}}` escapes HTML while for `markdown` and `text` it inserts
/// the value as it is. The main template (`page.mustache` unless `template`
/// names another) receives the context described in
/// <doc:WritingATemplateFormat>; every other `*.mustache` file
/// in the folder is a partial named after its file. The output ends with
/// exactly one newline.
public struct TemplateFormat: Renderer {
    /// The format's name, extension, media type and summary, from `format.yml`.
    public let format: FormatDescriptor
    /// The folder, as named in diagnostics.
    public let folder: String
    private let descriptor: TemplateFormatDescriptor
    private let library: MustacheLibrary
    /// Warnings found when the format was loaded, such as a variable no context value is named.
    public internal(set) var warnings: [Diagnostic] = []
    /// A digest of the bytes of the descriptor and every template, as read: the format's identity for the render cache.
    var fingerprint = ContentDigest()

    /// The pragma that turns HTML escaping off; it goes on a line of its own before
    /// each template of a non-HTML format (partials start out escaping HTML again).
    private static let textPragma = "{{% CONTENT_TYPE: TEXT}}\n"

    /// Loads the format in `folder`; every problem is reported with its file and line.
    ///
    /// - Parameters:
    ///   - folder: the format's folder, holding `format.yml`.
    ///   - displayPath: how to name the folder in diagnostics, such as `formats/sms`.
    public static func load(from folder: URL, displayPath: String) throws(DiagnosticError) -> TemplateFormat {
        let sink = DiagnosticSink()
        let descriptorPath = displayPath + "/format.yml"
        guard let text = InputText.read(folder.appendingPathComponent("format.yml"), file: descriptorPath, sink: sink) else {
            throw DiagnosticError(sink.diagnostics)
        }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".mustache") }.sorted()
        let descriptor = TemplateFormatDescriptor.read(text, file: descriptorPath, templates: files, folder: displayPath, sink: sink)
        var library = MustacheLibrary()
        var fingerprint = ContentDigest()
        fingerprint.add(text)
        let partials = Set(files.map { String($0.dropLast(".mustache".count)) })
        let checks = DiagnosticSink()
        var sources: [TemplateCycles.Template] = []
        for file in files {
            let path = displayPath + "/" + file
            guard let source = InputText.read(folder.appendingPathComponent(file), file: path, sink: sink) else { continue }
            fingerprint.add(file)
            fingerprint.add(source)
            sources.append(.init(name: String(file.dropLast(".mustache".count)), path: path, source: source))
            let escapesHTML = descriptor?.base.escapesHTML ?? true
            if let template = parse(source, path: path, escapesHTML: escapesHTML, sink: sink) {
                library.register(template, named: String(file.dropLast(".mustache".count)))
                check(source, path: path, partials: partials, sink: checks)
            }
        }
        for diagnostic in checks.diagnostics + TemplateCycles.diagnostics(sources) { sink.report(diagnostic) }
        guard let descriptor, !sink.hasErrors else { throw DiagnosticError(sink.diagnostics) }
        var format = TemplateFormat(format: descriptor.format, folder: displayPath, descriptor: descriptor, library: library)
        format.fingerprint = fingerprint
        format.warnings = sink.diagnostics.filter { $0.severity != .error }
        return format
    }

    /// The template, or `nil` after reporting its syntax error with the line and column.
    private static func parse(_ source: String, path: String, escapesHTML: Bool, sink: DiagnosticSink) -> MustacheTemplate? {
        do {
            return try MustacheTemplate(string: escapesHTML ? source : textPragma + source)
        } catch let error as MustacheTemplate.ParserError {
            // The pragma line is not the author's: count lines from the template's own first line.
            let line = error.context.lineNumber - (escapesHTML ? 0 : 1)
            sink.error(.templateSyntax, "template syntax: \(problem(error.error)) near \(quoted(error.context.line.trimmingCharacters(in: .whitespaces)))",
                       at: SourceLocation(file: path, line: max(1, line), column: max(1, error.context.columnNumber)))
        } catch {
            sink.error(.templateSyntax, "template syntax: \(error)", at: SourceLocation(file: path))
        }
        return nil
    }

    /// What a Mustache parser error means, in words.
    private static func problem(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "this closes a section that is not the one open"
        case .unfinishedName: return "a tag is not closed or its name is malformed"
        case .expectedSectionEnd: return "a section is not closed"
        case .invalidSetDelimiter: return "malformed set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inherited section"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection: return "only blocks may appear inside a partial's inherited section"
        case .invalidConfigVariableSyntax: return "malformed pragma; write {{% CONTENT_TYPE: TEXT}}"
        case .unrecognisedConfigVariable: return "unknown pragma or content type; known: CONTENT_TYPE with TEXT or HTML"
        }
    }

    /// Where `format.yml` gives the format's name, for errors about the name.
    var nameLocation: SourceLocation? { descriptor.nameLocation }

    /// The bytes of `format.yml` and every template, as the format read them.
    public var cacheIdentity: RenderCacheIdentity { .files(digest: fingerprint.hex) }

    /// Renders the document through the main template.
    public func render(_ document: Document, options: RenderOptions) async throws -> Rendered {
        let writer = BaseFormatWriter(base: descriptor.base, options: options)
        var sheet: [PlacedMessage] = []
        if let cards = descriptor.cards {
            sheet = try cards.slots(of: document.placedMessages.map(\.message), options: options.formatOptions)
        }
        let context = TemplateContext(document: document, options: options, format: format, writer: writer, sheet: sheet)
        // Each card measured as the template prints it: the reporting contacts in the document's words.
        let problems = descriptor.cards?.overBudget(sheet, contacts: context.campaign.reportingContacts, strings: context.strings) ?? []
        let name = String(descriptor.template.dropLast(".mustache".count))
        guard var page = library.render(context, withTemplate: name) else {
            throw Diagnostic.error(.missingTemplate, "no template \(quoted(descriptor.template)) in \(quoted(folder))")
        }
        if descriptor.base != .markdown { page = page.trimmingTrailingSpacesOnEachLine }
        if descriptor.base == .text && options.asciiOnly { page = ASCIIFolding.fold(page) }
        return Rendered(files: [RenderedFile(contents: Data(page.withSingleTrailingNewline.utf8))],
                        diagnostics: problems + warnings(for: document.placedMessages.map(\.message)))
    }

    /// A warning for each message that takes more SMS segments than `format.yml` allows.
    private func warnings(for messages: [PlacedMessage]) -> [Diagnostic] {
        guard let limit = descriptor.smsSegmentsOver else { return [] }
        return messages.compactMap { message in
            let sms = SMSSegments(message.short ?? message.title)
            guard sms.segments > limit else { return nil }
            let what = message.short == nil ? "title" : "'short' text"
            return .warning(.smsSegments,
                "the \(what) of message \(quoted(message.id)) takes \(sms.segments) SMS segments " +
                    "(\(sms.characters) \(sms.encoding.rawValue) characters); format \(quoted(format.name)) warns over \(limit)",
                at: message.source.map { SourceLocation(file: $0) },
                hint: limit > 1 ? "shorten it" : "shorten it to \(sms.encoding.singleSegmentCapacity) characters" +
                    (sms.encoding == .ucs2 ? ", or use only GSM-7 characters to fit 160" : ""))
        }
    }
}
