import Foundation

/// A format rendered by another program, in any language, over the JSON protocol.
///
/// The program reads one request on stdin and answers one response on stdout;
/// see <doc:ExternalFormatProtocol>. Every failure (a timeout, a non-zero exit,
/// output that is not JSON or breaks the schema, an oversized answer, a file
/// path outside the output folder) is thrown, naming the program and quoting
/// the end of its stderr, so a run with a failing plugin writes nothing.
public struct ExternalFormat: Renderer {
    /// The format's name, extension, media type and summary, from the program's `describe` answer.
    public let format: FormatDescriptor
    /// The program and its arguments.
    public let command: [String]
    private let process: PluginProcess

    /// Asks `command` to describe itself and returns the format it renders.
    ///
    /// - Parameters:
    ///   - command: the program and its arguments, as the manifest's `command:` gives them.
    ///   - workingDirectory: where the command runs (the manifest's folder); a
    ///     program given as a relative path with a `/` is found from here, a bare name on `PATH`.
    ///   - timeout: seconds the program may take for one request.
    ///   - expectedName: the name the manifest or PATH lookup used, if any; a different answer is an error.
    public static func load(
        command: [String], workingDirectory: URL, timeout: Double, expectedName: String?
    ) async throws(DiagnosticError) -> ExternalFormat {
        let label = ExternalFormatFailure.label(name: expectedName, command: command)
        let process: PluginProcess
        do {
            process = try PluginProcess(command: command, workingDirectory: workingDirectory, timeout: timeout, label: label)
        } catch {
            throw DiagnosticError([.error(error.code, error.description)])
        }
        let description: ExternalFormatDescription
        do {
            description = try await exchange(.describe, with: process, label: label, as: ExternalFormatDescription.self).response
        } catch {
            throw DiagnosticError([.error(error.code, error.description, hint: "it must answer {\"protocolVersion\": \"\(ExternalProtocolVersion.current)\", \"request\": \"describe\"}")])
        }
        let format = FormatDescriptor(name: description.name, fileExtension: description.extension,
                                      mediaType: description.mediaType, summary: description.summary)
        if let problem = problems(of: format) {
            throw DiagnosticError([.error(.invalidDescription, "\(label) describes itself with \(problem)")])
        }
        if let expectedName, expectedName != format.name {
            throw DiagnosticError([.error(.formatNameMismatch, "\(label) describes itself as \(quoted(format.name)), not \(quoted(expectedName))",
                                          hint: "make the names agree: the 'name' in its describe answer and the manifest entry or outreach-format-NAME")])
        }
        return ExternalFormat(format: format, command: command, process: process)
    }

    /// Never cached: the program may change, or answer differently, at any time.
    public var cacheIdentity: RenderCacheIdentity { .uncacheable }

    /// Sends the document to the program and turns its answer into files.
    public func render(_ document: Document, options: RenderOptions) async throws -> Rendered {
        let label = ExternalFormatFailure.label(name: format.name, command: command)
        let request = ExternalFormatRequest.render(document, format: format.name, options: options)
        let (response, stderrTail) = try await Self.exchange(request, with: process, label: label, as: ExternalFormatResponse.self)
        return try Self.rendered(from: response, label: label, stderrTail: stderrTail)
    }

    /// The files and diagnostics of a plugin's decoded answer, checked: severities, paths, encodings.
    static func rendered(from response: ExternalFormatResponse, label: String, stderrTail: String?) throws(ExternalFormatFailure) -> Rendered {
        func fail(_ code: DiagnosticCode, _ problem: String) -> ExternalFormatFailure {
            ExternalFormatFailure(code: code, plugin: label, problem: problem, stderrTail: stderrTail)
        }

        var diagnostics: [Diagnostic] = []
        var errors: [String] = []
        for (index, item) in (response.diagnostics ?? []).enumerated() {
            switch Diagnostic.Severity(rawValue: item.severity) {
            case .error?: errors.append(item.message)
            case .warning?: diagnostics.append(.warning(.reportedByFormat, item.message))
            case .note?: diagnostics.append(Diagnostic(.note, .reportedByFormat, item.message))
            case nil:
                throw fail(.invalidResponse, "answered with a response that breaks the protocol schema: key 'diagnostics[\(index)].severity' must be \"error\", \"warning\" or \"note\", not \(quoted(item.severity))")
            }
        }
        if !errors.isEmpty {
            throw fail(.pluginReportedError, "reported \(errors.count == 1 ? "an error" : "\(errors.count) errors"): \(errors.joined(separator: "; "))")
        }

        guard !response.files.isEmpty else {
            throw fail(.noFilesReturned, "answered with no files; a render must return at least one")
        }
        var files: [RenderedFile] = []
        var seen: Set<String> = []
        for (index, file) in response.files.enumerated() {
            if let path = file.path, let reason = Self.pathProblem(path) {
                throw fail(.unsafeFilePath, "returned file path \(quoted(path)) (files[\(index)].path), which \(reason); paths must stay inside the output folder")
            }
            if !seen.insert(file.path ?? "").inserted {
                throw fail(.duplicateFilePath, "returned two files for \(file.path.map(quoted) ?? "the material's own output path")")
            }
            let contents: Data
            switch file.encoding ?? "utf8" {
            case "utf8": contents = Data(file.content.utf8)
            case "base64":
                guard let decoded = Data(base64Encoded: file.content) else {
                    throw fail(.invalidResponse, "answered with a response that breaks the protocol schema: key 'files[\(index)].content' is not valid base64")
                }
                contents = decoded
            case let other:
                throw fail(.invalidResponse, "answered with a response that breaks the protocol schema: key 'files[\(index)].encoding' must be \"utf8\" or \"base64\", not \(quoted(other))")
            }
            files.append(RenderedFile(path: file.path, contents: contents))
        }
        return Rendered(files: files, diagnostics: diagnostics)
    }

    private init(format: FormatDescriptor, command: [String], process: PluginProcess) {
        self.format = format
        self.command = command
        self.process = process
    }

    /// Sends one request and reads the answer; every failure names the plugin and quotes its stderr.
    private static func exchange<Response: Decodable>(
        _ request: ExternalFormatRequest, with process: PluginProcess, label: String, as type: Response.Type
    ) async throws(ExternalFormatFailure) -> (response: Response, stderrTail: String) {
        let input: Data
        do {
            input = try request.encoded()
        } catch {
            throw ExternalFormatFailure(code: .pluginCannotRun, plugin: label, problem: "could not be sent its request: \(error)", stderrTail: nil)
        }
        let output: PluginProcess.Output
        do {
            output = try await process.run(input: input)
        } catch is CancellationError {
            throw ExternalFormatFailure(code: .pluginFailed, plugin: label, problem: "was stopped: the run was cancelled", stderrTail: nil)
        } catch {
            throw ExternalFormatFailure(code: .pluginCannotRun, plugin: label, problem: "could not be started: \(error)", stderrTail: nil)
        }
        if let problem = output.ending.problem(timeout: process.timeout) {
            throw ExternalFormatFailure(code: output.ending.code, plugin: label, problem: problem, stderrTail: output.stderrTail)
        }
        do {
            return (try ExternalFormatResponseReader.decode(type, from: output.stdout), output.stderrTail)
        } catch {
            throw ExternalFormatFailure(code: error.code, plugin: label, problem: error.text, stderrTail: output.stderrTail)
        }
    }

    /// Why a path a plugin returned would leave the folder of the material's output path, or nil.
    static func pathProblem(_ path: String) -> String? {
        if path.isEmpty { return "is empty" }
        if let reason = escapeReason(path) { return reason }
        if path.split(separator: "/").contains(".") { return "has a '.' path component" }
        if path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return "contains a control character" }
        return nil
    }

    /// What is wrong with a described format, or nil.
    private static func problems(of format: FormatDescriptor) -> String? {
        if !Identifier.isValid(format.name) {
            return "the name \(quoted(format.name)); names use only \(Identifier.rule)"
        }
        if format.fileExtension.isEmpty || format.fileExtension.hasPrefix(".") || format.fileExtension.contains("/") {
            return "the extension \(quoted(format.fileExtension)); give it without a dot, such as 'csv'"
        }
        return nil
    }
}
