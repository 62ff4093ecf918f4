import Foundation
internal import Yams

/// Collects diagnostics while content and manifests are read.
final class DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []

    /// Adds a diagnostic; one already reported (the same problem at the same place) is reported once.
    func report(_ diagnostic: Diagnostic) {
        if seen.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }
    func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?, hint: String? = nil) {
        report(.error(code, message, at: location, hint: hint))
    }
    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A YAML node with the file it came from, for located diagnostics.
struct YAMLValue {
    let node: Node
    /// The file, sink and line offset, shared by every node of one reading: a value is
    /// copied for each key looked up, and one reference is cheaper to copy than three fields.
    private let source: Source
    var file: String { source.file }
    var sink: DiagnosticSink { source.sink }
    private var lineOffset: Int { source.lineOffset }

    private final class Source {
        let file: String
        let sink: DiagnosticSink
        let lineOffset: Int

        init(file: String, sink: DiagnosticSink, lineOffset: Int) {
            self.file = file
            self.sink = sink
            self.lineOffset = lineOffset
        }
    }

    /// Parses `text`; a syntax error becomes a diagnostic and `nil`.
    static func parse(
        _ text: String, file: String, lineOffset: Int = 0, emptyMessage: String = "the file is empty", sink: DiagnosticSink
    ) -> YAMLValue? {
        // A text the fast composer takes is within the budget by construction (no aliases, no deep nesting).
        if let node = YAMLComposer.compose(text) { return YAMLValue(node: node, file: file, sink: sink, lineOffset: lineOffset) }
        return parseWithYams(text, file: file, lineOffset: lineOffset, emptyMessage: emptyMessage, sink: sink)
    }

    /// ``parse(_:file:lineOffset:emptyMessage:sink:)``, with each item of the list under the top-level
    /// key `key` handed to `take` as soon as it is read, and left out of the document: so a large
    /// list is read while the text is parsed, and never held whole.
    ///
    /// `diverted` says whether the items went to `take`. When it is false they are in the document
    /// as ``parse(_:file:lineOffset:emptyMessage:sink:)`` gives them, and whatever `take` was given
    /// (the composer can decline a text after a few items) must be dropped. Each item comes with
    /// the byte offset where its line starts, as ``YAMLComposer/compose(_:divert:)`` gives it.
    static func parse(
        _ text: String, file: String, emptyMessage: String, sink: DiagnosticSink,
        divertingItemsOf key: String, to take: @escaping ((YAMLValue, Int?)) -> Void
    ) -> (document: YAMLValue?, diverted: Bool) {
        let source = Source(file: file, sink: sink, lineOffset: 0)
        if let node = YAMLComposer.compose(text, divert: (key, { take((YAMLValue(node: $0, source: source), $1)) })) {
            return (YAMLValue(node: node, source: source), true)
        }
        return (parseWithYams(text, file: file, lineOffset: 0, emptyMessage: emptyMessage, sink: sink), false)
    }

    /// The document of the manifest file `feed` reads, with the items under `key` handed to `take`
    /// as ``parse(_:file:emptyMessage:sink:divertingItemsOf:to:)`` hands them; nil when the composer
    /// declines the text or the feed stopped, without a word: the caller then reads the file whole
    /// and parses that, which reports what there is to report.
    static func parse(
        reading feed: ManifestFeed, file: String, sink: DiagnosticSink,
        divertingItemsOf key: String, to take: @escaping ((YAMLValue, Int?)) -> Void
    ) -> YAMLValue? {
        let source = Source(file: file, sink: sink, lineOffset: 0)
        return YAMLComposer.compose(reading: feed, divert: (key, { take((YAMLValue(node: $0, source: source), $1)) }))
            .map { YAMLValue(node: $0, source: source) }
    }

    /// The budget check and Yams, for a text the composer declined.
    private static func parseWithYams(
        _ text: String, file: String, lineOffset: Int, emptyMessage: String, sink: DiagnosticSink
    ) -> YAMLValue? {
        if let problem = YAMLBudget.check(text) {
            sink.error(problem.code, problem.message, at: SourceLocation(file: file, line: problem.line + lineOffset, column: problem.column))
            return nil
        }
        do {
            // The basic resolver gives every plain scalar the string tag: outreach reads numbers, booleans
            // and nulls itself, and Yams's default resolver ran up to seven ICU regular expressions on every
            // scalar, and again on every mapping key when it checked for duplicate keys (a third of a
            // no-op rerun with 10,000 materials).
            guard let node = try Yams.compose(yaml: text, .basic) else {
                sink.error(.emptyFile, emptyMessage, at: SourceLocation(file: file, line: lineOffset + 1, column: 1))
                return nil
            }
            return YAMLValue(node: node, file: file, sink: sink, lineOffset: lineOffset)
        } catch let error as YamlError {
            sink.report(syntaxDiagnostic(error, text: text, file: file, lineOffset: lineOffset))
        } catch {
            sink.error(.yamlSyntax, "cannot read YAML: \(error)", at: SourceLocation(file: file))
        }
        return nil
    }

    init(node: Node, file: String, sink: DiagnosticSink, lineOffset: Int = 0) {
        self.node = node
        source = Source(file: file, sink: sink, lineOffset: lineOffset)
    }

    private init(node: Node, source: Source) {
        self.node = node
        self.source = source
    }

    /// The same node, reporting to `sink`: for reading parts of one file on several threads.
    func reporting(to sink: DiagnosticSink) -> YAMLValue {
        YAMLValue(node: node, file: file, sink: sink, lineOffset: lineOffset)
    }

    private func child(_ node: Node) -> YAMLValue {
        YAMLValue(node: node, source: source)
    }

    /// The location of this node, shifted when the YAML sits inside another file.
    var at: SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    private static func syntaxDiagnostic(_ error: YamlError, text: String, file: String, lineOffset: Int) -> Diagnostic {
        func located(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> Diagnostic {
            var message = "YAML syntax: \(problem)"
            if let context { message += " \(context.text)" }
            return .error(.yamlSyntax, message, at: SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column))
        }
        switch error {
        case let .scanner(context, problem, mark, _): return located(problem, context, mark)
        case let .parser(context, problem, mark, _): return located(problem, context, mark)
        case let .composer(context, problem, mark, _): return located(problem, context, mark)
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams's context text is the whole file and its mark the first of the keys: point at the repeat instead.
            let first = context.mark
            let repeated = duplicates.first.flatMap { repeatedKeyLine($0, after: first, in: text) }
            var message = "YAML: duplicate key \(quotedList(duplicates.prefix(5)))"
            if repeated != nil { message += "; first written at line \(first.line + lineOffset)" }
            return .error(.duplicateKey, message,
                          at: SourceLocation(file: file, line: (repeated ?? first.line) + lineOffset, column: first.column))
        default:
            return .error(.yamlSyntax, "YAML: \(error)", at: SourceLocation(file: file))
        }
    }

    /// The line of the next block-mapping key `key` at `first`'s column after `first`, if any.
    private static func repeatedKeyLine(_ key: String, after first: Mark, in text: String) -> Int? {
        let indent = String(repeating: " ", count: max(0, first.column - 1))
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            guard number > first.line, line.hasPrefix(indent) else { continue }
            let rest = line.dropFirst(indent.count)
            for spelling in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(spelling) {
                if rest.dropFirst(spelling.count).drop(while: { $0 == " " }).first == ":" { return number }
            }
        }
        return nil
    }

    /// A description of the node's kind, for type errors.
    var kindName: String {
        switch node {
        case .scalar: return "a value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The node as a string; reports a type error otherwise.
    func string(_ what: @autoclosure () -> String) -> String? {
        guard case .scalar(let scalar) = node else {
            sink.error(.wrongType, "\(what()) must be a single value, not \(kindName)", at: at)
            return nil
        }
        // Input files hold no raw control characters (InputText), but a quoted YAML string can spell one ("\e").
        if !Self.isPlainPrintableASCII(scalar.string), let bad = scalar.string.unicodeScalars.first(where: InputText.isForbiddenControl) {
            sink.error(.controlCharacter, "\(what()) contains the control character \(visibleControlCharacters(String(bad)))", at: at,
                       hint: "remove it; only tab and line breaks are allowed")
            return nil
        }
        return scalar.string
    }

    /// Whether every byte is printable ASCII, tab or a line break: then no character is a forbidden control.
    private static func isPlainPrintableASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        } ?? false
    }

    /// Whether this is an explicit null (`~`, `null` or nothing).
    var isNull: Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain, node.null != nil { return true }
        return false
    }

    /// The node as a list; a single value is not accepted.
    func list(_ what: @autoclosure () -> String) -> [YAMLValue]? {
        guard case .sequence(let sequence) = node else {
            sink.error(.wrongType, "\(what()) must be a list, not \(kindName)", at: at)
            return nil
        }
        return sequence.map(child)
    }

    /// The node as a mapping restricted to `allowed` keys; unknown keys are reported.
    func mapping(_ what: String, allowed: [String]) -> YAMLMapping? {
        guard case .mapping(let mapping) = node else {
            sink.error(.wrongType, "\(what) must be a mapping of keys to values, not \(kindName)", at: at)
            return nil
        }
        var entries: [(key: String, keyValue: YAMLValue, value: YAMLValue)] = []
        for (key, value) in mapping {
            let keyValue = child(key)
            guard let name = key.scalar?.string else {
                sink.error(.keyNotAName, "keys in \(what) must be plain names", at: keyValue.at)
                continue
            }
            if !allowed.contains(name) {
                var hint = "valid keys: \(quotedList(allowed))"
                if let near = closestMatch(to: name, in: allowed) { hint = "did you mean '\(near)'? " + hint }
                sink.error(.unknownKey, "unknown key \(quoted(name)) in \(what)", at: keyValue.at, hint: hint)
                continue
            }
            entries.append((name, keyValue, child(value)))
        }
        return YAMLMapping(what: what, value: self, entries: entries)
    }
}

/// A YAML mapping whose keys were checked against the allowed ones.
struct YAMLMapping {
    let what: String
    let value: YAMLValue
    let entries: [(key: String, keyValue: YAMLValue, value: YAMLValue)]
    /// The entries' keys, in order: looked up without copying an entry (its two values) to compare its key.
    private let keys: [String]

    init(what: String, value: YAMLValue, entries: [(key: String, keyValue: YAMLValue, value: YAMLValue)]) {
        self.what = what
        self.value = value
        self.entries = entries
        keys = entries.map(\.key)
    }

    var at: SourceLocation { value.at }
    var sink: DiagnosticSink { value.sink }

    /// The value for `key`, treating an explicit null as absent.
    subscript(key: String) -> YAMLValue? {
        // By index in the keys, so no entry is copied on the way (a tenth of loading a large manifest).
        guard let index = keys.firstIndex(of: key) else { return nil }
        let value = entries[index].value
        return value.isNull ? nil : value
    }

    /// Reports a missing required key at the mapping.
    func required(_ key: String) -> YAMLValue? {
        guard let value = self[key] else {
            sink.error(.missingKey, "missing required key \(quoted(key)) in \(what)", at: at)
            return nil
        }
        return value
    }

    func string(_ key: String, required isRequired: Bool = false) -> String? {
        guard let value = isRequired ? required(key) : self[key] else { return nil }
        guard let text = value.string("'\(key)'") else { return nil }
        // Scalar by scalar: trimming made a new string for every required value.
        if isRequired && text.unicodeScalars.allSatisfy({ CharacterSet.whitespacesAndNewlines.contains($0) }) {
            sink.error(.emptyValue, "'\(key)' in \(what) must not be empty", at: value.at)
            return nil
        }
        return text
    }

    func int(_ key: String) -> Int? {
        guard let value = self[key], let text = value.string("'\(key)'") else { return nil }
        guard let number = Int(text) else {
            sink.error(.notAWholeNumber, "'\(key)' must be a whole number, not \(quoted(text))", at: value.at)
            return nil
        }
        return number
    }

    func bool(_ key: String) -> Bool? {
        guard let value = self[key], let text = value.string("'\(key)'") else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            sink.error(.notTrueOrFalse, "'\(key)' must be true or false, not \(quoted(text))", at: value.at)
            return nil
        }
    }

    /// A list of strings; a single string is accepted as a list of one.
    func strings(_ key: String) -> [(String, SourceLocation)] {
        guard let value = self[key] else { return [] }
        if case .scalar = value.node, let single = value.string("'\(key)'") { return [(single, value.at)] }
        guard let items = value.list("'\(key)'") else { return [] }
        return items.compactMap { item in item.string("each item of '\(key)'").map { ($0, item.at) } }
    }

    /// A choice among `options`, reporting the valid ones when the value is not one.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, required isRequired: Bool = false) -> T? where T.RawValue == String {
        guard let text = string(key, required: isRequired), let value = self[key] else { return nil }
        if let choice = T(rawValue: text) { return choice }
        sink.error(.unknownChoice, "unknown \(key) \(quoted(text))", at: value.at,
                   hint: "valid choices: \(quotedList(T.allCases.map(\.rawValue)))")
        return nil
    }
}

/// The allowed name closest to a misspelt one, if it is close enough to be a typo.
///
/// Bounded whatever the input: a name longer than ``suggestionNameLimit`` gets
/// no suggestion, candidates whose length differs by more than the allowed
/// distance are skipped unread, each comparison stops once it cannot be close
/// enough, and the whole search stops after ``suggestionWorkLimit`` table cells.
func closestMatch(to name: String, in candidates: [String]) -> String? {
    let name = Array(name.lowercased().unicodeScalars)
    guard !name.isEmpty, name.count <= suggestionNameLimit else { return nil }
    let allowed = max(1, name.count / 3)
    var best: (name: String, distance: Int)?
    var work = 0
    var previous = [Int](repeating: 0, count: name.count + 1), current = previous
    for candidate in candidates {
        let scalars = candidate.unicodeScalars
        guard abs(scalars.count - name.count) <= allowed else { continue }
        work += (scalars.count + 1) * (name.count + 1)
        guard work <= suggestionWorkLimit else { break }
        let other = Array(candidate.lowercased().unicodeScalars)
        guard let distance = editDistance(name, other, atMost: best.map { min($0.distance, allowed) } ?? allowed,
                                          previous: &previous, current: &current) else { continue }
        if let current = best, current.distance < distance || (current.distance == distance && current.name < candidate) { continue }
        best = (candidate, distance)
    }
    return best?.name
}

/// Names longer than this get no "did you mean".
let suggestionNameLimit = 64
/// The most edit-distance table cells one search for a suggestion fills.
let suggestionWorkLimit = 4_000_000

func editDistance(_ a: String, _ b: String) -> Int {
    var previous: [Int] = [], current: [Int] = []
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    return editDistance(a, b, atMost: max(a.count, b.count), previous: &previous, current: &current) ?? max(a.count, b.count)
}

/// The Levenshtein distance of `a` and `b` when it is at most `limit`, else `nil`;
/// stops as soon as a whole row exceeds the limit. The row buffers are reused.
private func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost limit: Int,
                          previous: inout [Int], current: inout [Int]) -> Int? {
    if a.isEmpty { return b.count <= limit ? b.count : nil }
    if b.isEmpty { return a.count <= limit ? a.count : nil }
    if previous.count < b.count + 1 { previous = [Int](repeating: 0, count: b.count + 1) }
    if current.count < b.count + 1 { current = [Int](repeating: 0, count: b.count + 1) }
    for j in 0...b.count { previous[j] = j }
    for i in 1...a.count {
        current[0] = i
        var rowMinimum = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            rowMinimum = min(rowMinimum, current[j])
        }
        if rowMinimum > limit { return nil }
        swap(&previous, &current)
    }
    return previous[b.count] <= limit ? previous[b.count] : nil
}
