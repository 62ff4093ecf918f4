import Foundation
internal import Mustache

/// The Mustache page templates that wrap a renderer's body into a page.
///
/// The built-in set is compiled into the binary from `Templates/`; a manifest's
/// `templates:` folder overrides any of them by file name. The set also holds
/// the string catalogs (`Templates/strings/`, overridden key by key from the
/// folder's `strings/`), so layouts and templates come from one place.
public struct TemplateSet: Sendable, Hashable {
    /// The words outreach writes, per locale.
    package private(set) var strings = StringCatalogs.builtIn
    /// Where each template came from, by name (such as `html`).
    package private(set) var origins: [String: String]
    /// A stable digest of every template's text, for the render cache.
    private(set) var fingerprint = ContentDigest() {
        didSet { fingerprintBytes = fingerprint.bytes }
    }
    /// The fingerprint's value, kept current: every output's cache key takes it.
    private(set) var fingerprintBytes = ContentDigest().bytes
    private var library: MustacheLibrary
    /// The built-in pages' frames, filled in page by page (``PageFrames``); used while every template is built in.
    private var frames = PageFrames()

    /// The templates compiled into outreach.
    public static let builtIn: TemplateSet = {
        var set = TemplateSet(origins: [:], library: MustacheLibrary())
        for (file, text) in EmbeddedTemplates.files.sorted(by: { $0.key < $1.key }) {
            let name = String(file.dropLast(".mustache".count))
            // The embedded templates are checked by the tests; one that fails to
            // parse is left out and then reported as missing when used.
            if let template = try? MustacheTemplate(string: text) {
                set.library.register(template, named: name)
                set.origins[name] = "built-in"
                set.fingerprint.add(file)
                set.fingerprint.add(text)
            }
        }
        for (file, text) in EmbeddedTemplates.strings.sorted(by: { $0.key < $1.key }) {
            set.fingerprint.add("strings/" + file)
            set.fingerprint.add(text)
        }
        return set
    }()

    private init(origins: [String: String], library: MustacheLibrary) {
        self.origins = origins
        self.library = library
    }

    /// The names of the templates in the set.
    public var names: [String] { origins.keys.sorted() }

    /// The built-in templates with any `*.mustache` file in `folder` in place of its namesake.
    ///
    /// - Parameter displayPath: how to name the folder in diagnostics.
    package static func overriding(with folder: URL, displayPath: String) throws(DiagnosticError) -> TemplateSet {
        var set = TemplateSet.builtIn
        set.frames = PageFrames()
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".mustache") }.sorted()
        } catch {
            throw DiagnosticError([.error(.templatesFolderUnreadable, "cannot read templates folder \(quoted(displayPath))", at: SourceLocation(file: displayPath))])
        }
        var problems: [Diagnostic] = []
        var sources = EmbeddedTemplates.files.map { file, text in
            TemplateCycles.Template(name: String(file.dropLast(".mustache".count)), path: "built-in " + file, source: text)
        }
        for file in files {
            let path = displayPath.hasSuffix("/") ? displayPath + file : displayPath + "/" + file
            let sink = DiagnosticSink()
            guard let text = InputText.read(folder.appendingPathComponent(file), file: path, sink: sink) else {
                problems += sink.diagnostics
                continue
            }
            do {
                let template = try MustacheTemplate(string: text)
                let name = String(file.dropLast(".mustache".count))
                set.library.register(template, named: name)
                set.origins[name] = path
                set.fingerprint.add(file)
                set.fingerprint.add(text)
                sources.removeAll { $0.name == name }
                sources.append(.init(name: name, path: path, source: text))
            } catch let error as MustacheTemplate.ParserError {
                problems.append(.error(.templateSyntax,
                    "template syntax: \(error.error) near \(quoted(error.context.line.trimmingCharacters(in: .whitespaces)))",
                    at: SourceLocation(file: path, line: error.context.lineNumber, column: max(1, error.context.columnNumber))))
            } catch {
                problems.append(.error(.templateSyntax, "template syntax: \(error)", at: SourceLocation(file: path)))
            }
        }
        problems += TemplateCycles.diagnostics(sources)
        let stringsFolder = folder.appendingPathComponent("strings")
        let catalogs = try? FileManager.default.contentsOfDirectory(atPath: stringsFolder.path)
        for file in (catalogs ?? []).filter({ $0.hasSuffix(".yml") }).sorted() {
            set.fingerprint.add("strings/" + file)
            set.fingerprint.add((try? String(contentsOf: stringsFolder.appendingPathComponent(file), encoding: .utf8)) ?? "")
        }
        let sink = DiagnosticSink()
        let stringsPath = displayPath.hasSuffix("/") ? displayPath + "strings" : displayPath + "/strings"
        set.strings = set.strings.overriding(with: stringsFolder, displayPath: stringsPath, sink: sink)
        problems += sink.diagnostics + set.strings.problems()
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return set
    }

    /// The page template `name` rendered with `body` as its `body` value, ending in one newline:
    /// the bytes of `render(name, context + ["body": body]).withSingleTrailingNewline`, made
    /// without passing the body (a page's largest value: megabytes for a long message) through
    /// the template engine. The page is rendered around a token no content can hold, and the
    /// body's bytes are copied once, into the result; peak memory is the body and the page, not
    /// the several growing copies of the page that rendering it in would make.
    package func renderPage(_ name: String, _ context: [String: Any], body: String) throws -> Data {
        // A page of ordinary size, while every template is built in: its shape's frame, filled in.
        // (A longer body goes into the page's bytes once, below.)
        if body.utf8.count <= 1 << 16, usesOnlyBuiltInTemplates {
            var context = context
            context["body"] = body
            if let page = try frames.page(name, context, render: { try render(name, $0) }) {
                return Data(page.withSingleTrailingNewline.utf8)
            }
        }
        var context = context
        // "&" and "<": a template that escapes the body ({{body}}) changes the token, and is rendered through.
        let token = "\u{1}<&outreach-body-\(UUID().uuidString)\u{1}"
        context["body"] = token
        let page = try render(name, context)
        var body = Substring(body)
        let pieces = page.split(atEvery: token)
        let suffix = pieces.count == 2 ? pieces[1].withSingleTrailingNewline : ""
        let endsWithBody = suffix == "\n"
        // With nothing but whitespace after it, the page ends with the body, trimmed as the page would be.
        if endsWithBody { while let last = body.last, last.isWhitespace { body = body.dropLast() } }
        guard pieces.count == 2, !(endsWithBody && body.isEmpty) else {
            // A template that leaves the body out or repeats it, or a page that is blank from the body on.
            context["body"] = String(body)
            return Data(try render(name, context).withSingleTrailingNewline.utf8)
        }
        var data = Data(capacity: pieces[0].utf8.count + body.utf8.count + suffix.utf8.count)
        data.append(contentsOf: pieces[0].utf8)
        data.append(contentsOf: body.utf8)
        data.append(contentsOf: suffix.utf8)
        return data
    }

    /// ``render(_:_:)``'s text, from the frame of the context's shape while every template is built in.
    package func renderFilled(_ name: String, _ context: [String: Any]) throws -> String {
        if usesOnlyBuiltInTemplates, let page = try frames.page(name, context, render: { try render(name, $0) }) { return page }
        return try render(name, context)
    }

    /// Whether every template is outreach's own: only then are pages made from frames (``PageFrames``).
    private var usesOnlyBuiltInTemplates: Bool { origins.values.allSatisfy { $0 == "built-in" } }

    /// Renders the template `name` with `context` (dictionaries, arrays and strings).
    package func render(_ name: String, _ context: [String: Any]) throws -> String {
        guard let text = library.render(context, withTemplate: name) else {
            throw Diagnostic.error(.missingTemplate, "no template named \(quoted(name)); available: \(quotedList(names))")
        }
        return text
    }

    public static func == (lhs: TemplateSet, rhs: TemplateSet) -> Bool {
        lhs.origins == rhs.origins && lhs.fingerprintBytes == rhs.fingerprintBytes && lhs.strings == rhs.strings
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(origins)
        hasher.combine(fingerprintBytes)
    }
}
