import Foundation

/// The tags of a Mustache template with where they start, for the checks a
/// template format gets when it is loaded: partials that are not there,
/// variables that name nothing.
struct TemplateTag: Equatable {
    /// `>` for a partial, `#` `^` for sections, `&` or `{` for unescaped values, nil for a plain value.
    var sigil: Character?
    /// The name as written, such as `sms.text`.
    var name: String
    var line: Int
    var column: Int

    /// The tags of `source`, in order; nil when the template changes its
    /// delimiters, which this scan does not follow.
    static func tags(in source: String) -> [TemplateTag]? {
        var tags: [TemplateTag] = []
        var line = 1, column = 1
        var position = source.startIndex
        func move(to end: String.Index) {
            for character in source[position..<end] {
                if character == "\n" || character == "\r\n" { line += 1; column = 1 } else { column += 1 }
            }
            position = end
        }
        while let open = source.range(of: "{{", range: position..<source.endIndex) {
            move(to: open.lowerBound)
            let (tagLine, tagColumn) = (line, column)
            var start = open.upperBound
            var closer = "}}"
            var sigil: Character?
            if start < source.endIndex, source[start] == "{" {
                closer = "}}}"
                sigil = "{"
                start = source.index(after: start)
            }
            guard let close = source.range(of: closer, range: start..<source.endIndex) else { break }
            var content = source[start..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            move(to: close.upperBound)
            if sigil == nil, let first = content.first, "!=%>< #^/&$".contains(first) {
                if first == "=" { return nil }
                sigil = first
                content = String(content.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            tags.append(TemplateTag(sigil: sigil, name: content, line: tagLine, column: tagColumn))
        }
        return tags
    }

    /// The context keys a value tag reads, such as `["sms", "text"]`; empty for
    /// `.`, comments, pragmas, closing tags and swift-mustache's list functions.
    var keys: [String] {
        guard let sigil else { return Self.path(name) }
        switch sigil {
        case "{", "&", "#", "^": return Self.path(name)
        default: return []
        }
    }

    private static func path(_ name: String) -> [String] {
        var name = name
        if name.hasSuffix("()") { return [] } // first(), last(), index(), even(), odd()
        if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
            name = String(name[name.index(after: open)..<name.index(before: name.endIndex)]) // transform(name)
        }
        return name.split(separator: ".").map(String.init)
    }
}
