import Foundation

/// What a template format's `format.yml` says: its name and files, its base
/// format, its main template and when to warn.
///
/// ```yaml
/// name: sms                      # required; lowercase letters, digits and hyphens
/// extension: txt                 # required; without the dot
/// mediaType: text/plain          # required
/// summary: One text message per campaign message   # required; one line
/// base: text                     # required; markdown, text or html
/// template: page.mustache        # optional; the main template (default page.mustache)
/// warnWhen:                      # optional; conditions that add a run warning
///   smsSegmentsOver: 1           #   a message of the document takes more segments than this
/// cards:                         # optional; a sheet of cards (see CardSheet)
///   perSheet: 10                 #   slots on a sheet; `document.sheet` fills every one
///   lines: 12                    #   lines a card holds; a card needing more is an error
///   columns: 44                  #   characters a line holds
/// ```
struct TemplateFormatDescriptor: Sendable, Hashable {
    static let keys = ["name", "extension", "mediaType", "summary", "base", "template", "warnWhen", "cards"]
    static let warnWhenKeys = ["smsSegmentsOver"]
    static let defaultTemplate = "page.mustache"

    /// The name, extension, media type and summary.
    var format: FormatDescriptor
    /// How content is converted before it reaches the template.
    var base: TemplateBase
    /// The main template's file name.
    var template: String
    /// Where `template` was written, or the top of the file when it was left out.
    var templateLocation: SourceLocation
    /// Where `name` was written.
    var nameLocation: SourceLocation?
    /// Warn when a message of the document takes more SMS segments than this.
    var smsSegmentsOver: Int?
    /// The sheet of cards the format prints, with each card's line budget.
    var cards: CardSheet?

    /// Reads `text`, the contents of `file`, reporting every problem to `sink`;
    /// `nil` when a required part is missing or wrong.
    ///
    /// - Parameters:
    ///   - templates: the `*.mustache` files in the format's folder, for checking `template`.
    ///   - folder: the folder as named in diagnostics.
    static func read(_ text: String, file: String, templates: [String], folder: String, sink: DiagnosticSink) -> TemplateFormatDescriptor? {
        guard let root = YAMLValue.parse(text, file: file, emptyMessage: "the format descriptor is empty", sink: sink)?
            .mapping("the format descriptor", allowed: keys) else { return nil }
        let name = root.string("name", required: true)
        if let name, !Identifier.isValid(name), let at = root["name"]?.at {
            sink.error(.invalidID, "format name \(quoted(name)) must use only \(Identifier.rule)", at: at)
        }
        let fileExtension = root.string("extension", required: true)
        if let fileExtension, let at = root["extension"]?.at,
           fileExtension.hasPrefix(".") || fileExtension.contains("/") || fileExtension.contains(where: \.isWhitespace) {
            sink.error(.invalidExtension, "extension \(quoted(fileExtension)) must be a plain file extension", at: at,
                       hint: "write it without the dot, such as 'txt'")
        }
        let mediaType = root.string("mediaType", required: true)
        if let mediaType, !mediaType.contains("/"), let at = root["mediaType"]?.at {
            sink.error(.invalidMediaType, "media type \(quoted(mediaType)) must be of the form type/subtype", at: at, hint: "such as 'text/plain'")
        }
        let summary = root.string("summary", required: true)
        if let summary, summary.trimmingCharacters(in: .newlines).contains(where: \.isNewline), let at = root["summary"]?.at {
            sink.error(.multilineSummary, "'summary' must be one line", at: at)
        }
        let base = root.choice("base", TemplateBase.self, required: true)
        let template = root.string("template") ?? defaultTemplate
        let templateLocation = root["template"]?.at ?? SourceLocation(file: file, line: 1, column: 1)
        if !template.hasSuffix(".mustache") || template.contains("/") {
            sink.error(.invalidTemplateName, "template \(quoted(template)) must be the name of a .mustache file in the format's folder",
                       at: templateLocation)
        } else if !templates.contains(template) {
            sink.error(.missingTemplate, "missing template \(quoted(template)) in \(quoted(folder))", at: templateLocation,
                       hint: templates.isEmpty ? "add \(template)" : "templates in the folder: \(quotedList(templates))")
        }
        var smsSegmentsOver: Int?
        if let warnWhen = root["warnWhen"]?.mapping("'warnWhen'", allowed: warnWhenKeys) {
            smsSegmentsOver = warnWhen.int("smsSegmentsOver")
            if let limit = smsSegmentsOver, limit < 1, let at = warnWhen["smsSegmentsOver"]?.at {
                sink.error(.invalidSegmentLimit, "'smsSegmentsOver' must be 1 or more, not \(limit)", at: at)
            }
        }
        var cards: CardSheet?
        if let map = root["cards"]?.mapping("'cards'", allowed: ["perSheet", "lines", "columns"]) {
            let keys = ["perSheet", "lines", "columns"]
            let values = keys.map { key -> Int? in
                if map[key] == nil { sink.error(.missingKey, "'cards' needs '\(key)'", at: map.at); return nil }
                return map.int(key)
            }
            for (key, value) in zip(keys, values) {
                if let value, value < 1, let at = map[key]?.at { sink.error(.notAWholeNumber, "'\(key)' must be 1 or more, not \(value)", at: at) }
            }
            if let perSheet = values[0], let lines = values[1], let columns = values[2], perSheet > 0, lines > 0, columns > 0 {
                cards = CardSheet(perSheet: perSheet, lines: lines, columns: columns)
            }
        }
        guard let name, let fileExtension, let mediaType, let summary, let base else { return nil }
        return TemplateFormatDescriptor(
            format: FormatDescriptor(name: name, fileExtension: fileExtension, mediaType: mediaType,
                                     summary: summary.trimmingCharacters(in: .whitespacesAndNewlines)),
            base: base, template: template, templateLocation: templateLocation, nameLocation: root["name"]?.at,
            smsSegmentsOver: smsSegmentsOver, cards: cards)
    }
}
