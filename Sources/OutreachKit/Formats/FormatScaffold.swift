import Foundation

/// Writes a new, working format to start from: a template format folder, or an
/// external format program in Python (standard library only).
package struct FormatScaffold: Sendable {
    /// Which kind of format to make.
    package enum Kind: String, Sendable, CaseIterable {
        case template, external
    }

    /// The format's name, such as `poster`.
    package var name: String
    /// Which kind to make.
    package var kind: Kind
    /// The folder that holds the format, as the user named it: the template
    /// formats folder (`formats`) or the programs folder (`plugins`).
    package var directory: String

    /// Creates a scaffold in `directory`, or in the kind's usual folder (`formats` or `plugins`) when `nil`.
    package init(name: String, kind: Kind, directory: String? = nil) {
        self.name = name
        self.kind = kind
        self.directory = directory ?? (kind == .template ? "formats" : "plugins")
    }

    /// The files to write, relative to the current folder, with `directory` first.
    package var files: [(path: String, contents: String, executable: Bool)] {
        switch kind {
        case .template:
            return [(path("\(name)/format.yml"), descriptor, false), (path("\(name)/page.mustache"), page, false)]
        case .external:
            return [(path("outreach-format-\(name)"), program, true)]
        }
    }

    private func path(_ name: String) -> String {
        directory == "." || directory.isEmpty ? name : (directory.hasSuffix("/") ? directory + name : directory + "/" + name)
    }

    /// The lines to add to `outreach.yml` (in the current folder) to use the format.
    package var manifestSnippet: String {
        switch kind {
        case .template:
            return "formats:\n  - folder: \(directory)\nmaterials:\n  - id: ...\n    formats: [\(name)]"
        case .external:
            return "formats:\n  - name: \(name)\n    command: [python3, \(path("outreach-format-\(name)"))]\n"
                + "materials:\n  - id: ...\n    formats: [\(name)]"
        }
    }

    /// Writes the files relative to `folder` (the current folder), refusing to replace any that exist; returns their paths.
    package func write(in folder: URL) throws(DiagnosticError) -> [String] {
        guard Identifier.isValid(name) else {
            throw DiagnosticError([.error(.invalidFormatNameArgument, "format name \(quoted(name)) must use only \(Identifier.rule)",
                                          hint: "such as 'poster' or 'social-posts'")])
        }
        let fileManager = FileManager.default
        let existing = files.map(\.path).filter { fileManager.fileExists(atPath: folder.appendingPathComponent($0).path) }
        guard existing.isEmpty else {
            throw DiagnosticError(existing.map { .error(.fileExists, "\(quoted($0)) already exists; nothing was written", at: SourceLocation(file: $0)) })
        }
        do {
            for file in files {
                let url = folder.appendingPathComponent(file.path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
                if file.executable { try fileManager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
            }
        } catch {
            throw DiagnosticError([.error(.writeFailed, "cannot write the new format: \(error.localizedDescription)")])
        }
        return files.map(\.path)
    }

    private var descriptor: String {
        """
        # A template format made by 'outreach new-format \(name) --kind template'.
        # See "Writing a template format" in the OutreachKit documentation.
        name: \(name)
        extension: txt
        mediaType: text/plain
        summary: The \(name) format
        # How content is converted before it reaches the template: markdown, text or html.
        base: text

        """
    }

    private var page: String {
        """
        {{! The page. Keys: metadata, document (body, blocks, sections, messages), campaign, options. }}
        {{metadata.title}}
        {{#metadata.subtitle}}
        {{.}}
        {{/metadata.subtitle}}

        {{{document.body}}}
        {{#campaign.reportingContacts}}
        {{name}}{{#phone}}: {{.}}{{/phone}}
        {{/campaign.reportingContacts}}

        """
    }

    private var program: String {
        """
        #!/usr/bin/env python3
        \"\"\"The \(name) format for outreach, made by 'outreach new-format \(name) --kind external'.

        outreach writes one JSON request on stdin and reads one JSON response on
        stdout; see "The external format protocol" in the OutreachKit documentation.
        \"\"\"
        import json
        import sys

        request = json.load(sys.stdin)
        version = str(request.get("protocolVersion", ""))
        if version.split(".")[0] != "1":
            sys.exit(f"\(name): unsupported protocol version {version!r}; this plugin speaks 1.x")


        def text(inlines):
            \"\"\"The plain text of a list of inlines.\"\"\"
            return "".join(text(i["content"]) if "content" in i else i.get("text", " ") for i in inlines)


        if request["request"] == "describe":
            answer = {"protocolVersion": "1.1", "name": "\(name)", "extension": "txt",
                      "mediaType": "text/plain", "summary": "The \(name) format"}
        else:
            document = request["document"]
            lines = [document["metadata"]["title"], ""]
            def walk(blocks):
                \"\"\"Headings and paragraphs in order, inside sections too.\"\"\"
                for block in blocks:
                    if block["type"] == "heading":
                        lines.append("  " * (block["level"] - 2) + text(block["content"]))
                    elif block["type"] == "paragraph":
                        lines.append("  " + text(block["content"]))
                    elif block["type"] == "section":
                        walk(block["blocks"])

            walk(document["blocks"])
            answer = {"protocolVersion": "1.1", "files": [{"content": "\\n".join(lines) + "\\n"}], "diagnostics": []}

        json.dump(answer, sys.stdout)

        """
    }
}
