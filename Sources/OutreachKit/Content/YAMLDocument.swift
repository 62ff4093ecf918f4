import Foundation
internal import Yams

/// Collects diagnostics while content and manifests are read.
final class DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []

    func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?, hint: String? = nil) {
        report(.error(code, message, at: location, hint: hint))
    }
    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A YAML node with the file it came from, for located diagnostics.
struct YAMLValue {
    let node: Node
    let file: String
    let sink: DiagnosticSink

    /// Parses `text`; a syntax error becomes a diagnostic and `nil`.
    static func parse(
        _ text: String, file: String, lineOffset: Int = 0, emptyMessage: String = "the file is empty", sink: DiagnosticSink
    ) -> YAMLValue? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                sink.error(.emptyFile, emptyMessage, at: SourceLocation(file: file, line: lineOffset + 1, column: 1))
                return nil
            }
            return YAMLValue(node: node, file: file, sink: sink, lineOffset: lineOffset)
        } catch let error as YamlError {
            sink.report(syntaxDiagnostic(error, file: file, lineOffset: lineOffset))
        } catch {
            sink.error(.yamlSyntax, "cannot read YAML: \(error)", at: SourceLocation(file: file))
        }
        return nil
    }

    private let lineOffset: Int

    init(node: Node, file: String, sink: DiagnosticSink, lineOffset: Int = 0) {
        self.node = node
        self.file = file
        self.sink = sink
        self.lineOffset = lineOffset
    }

    private func child(_ node: Node) -> YAMLValue {
        YAMLValue(node: node, file: file, sink: sink, lineOffset: lineOffset)
    }

    /// The location of this node, shifted when the YAML sits inside another file.
    var at: SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    private static func syntaxDiagnostic(_ error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
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
            return .error(.duplicateKey, "YAML: duplicate key \(quotedList(duplicates)) \(context.text)",
                          at: SourceLocation(file: file, line: context.mark.line + lineOffset, column: context.mark.column))
        default:
            return .error(.yamlSyntax, "YAML: \(error)", at: SourceLocation(file: file))
        }
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
    func string(_ what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            sink.error(.wrongType, "\(what) must be a single value, not \(kindName)", at: at)
            return nil
        }
        return scalar.string
    }

    /// Whether this is an explicit null (`~`, `null` or nothing).
    var isNull: Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain, node.null != nil { return true }
        return false
    }

    /// The node as a list; a single value is not accepted.
    func list(_ what: String) -> [YAMLValue]? {
        guard case .sequence(let sequence) = node else {
            sink.error(.wrongType, "\(what) must be a list, not \(kindName)", at: at)
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

    var at: SourceLocation { value.at }
    var sink: DiagnosticSink { value.sink }

    /// The value for `key`, treating an explicit null as absent.
    subscript(key: String) -> YAMLValue? {
        guard let entry = entries.first(where: { $0.key == key }), !entry.value.isNull else { return nil }
        return entry.value
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
        if isRequired && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
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
func closestMatch(to name: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
    return best.1 <= max(1, name.count / 3) ? best.0 : nil
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
