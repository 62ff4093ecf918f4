internal import CYaml

/// Checks a YAML text's cost before it is composed into nodes: how deep it
/// nests and how much its aliases would expand to.
///
/// Yams composes an alias as a shared reference to its anchor, so composing is
/// cheap, but every walk over the nodes afterwards (reading values, digests,
/// format `options` as JSON) visits the expansion: a few hundred bytes of nested
/// aliases ("billion laughs") stand for gigabytes. This pass reads libyaml's
/// events once, without recursion, and sums the size of each anchor so each
/// alias costs one addition.
///
/// The limits, documented in DiagnosticCodes.md (OUT0019, OUT0001):
/// - aliases may add at most ``maximumAliasNodes`` nodes, and at most
///   ``aliasBytesFactor`` times the file's size plus ``aliasBytesAllowance``
///   bytes of scalar text;
/// - collections may nest at most ``maximumDepth`` levels (Yams composes
///   recursively, so deeper nesting would exhaust the stack).
enum YAMLBudget {
    static let maximumAliasNodes = 100_000
    static let aliasBytesFactor = 64
    static let aliasBytesAllowance = 1 << 20
    static let maximumDepth = 256

    /// A problem and its 1-based line and column in `text`; `nil` when the text is
    /// within budget or does not parse (Yams then reports the syntax error itself).
    static func check(_ text: String) -> (code: DiagnosticCode, message: String, line: Int, column: Int)? {
        var text = text
        return text.withUTF8 { bytes -> (DiagnosticCode, String, Int, Int)? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            let byteLimit = bytes.count * aliasBytesFactor + aliasBytesAllowance

            struct Frame { var anchor: String?; var nodes = 1; var bytes = 0 }
            var stack: [Frame] = []
            var anchors: [String: (nodes: Int, bytes: Int)] = [:]
            var aliasNodes = 0, aliasBytes = 0

            func anchorName(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            }
            func add(nodes: Int, bytes: Int) {
                guard !stack.isEmpty else { return }
                stack[stack.count - 1].nodes += nodes
                stack[stack.count - 1].bytes += bytes
            }

            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    let length = Int(event.data.scalar.length)
                    if let anchor = anchorName(event.data.scalar.anchor) { anchors[anchor] = (1, length) }
                    add(nodes: 1, bytes: length)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT
                        ? anchorName(event.data.sequence_start.anchor) : anchorName(event.data.mapping_start.anchor)
                    stack.append(Frame(anchor: anchor))
                    if stack.count > maximumDepth {
                        return (.yamlSyntax, "YAML nests lists and mappings deeper than \(maximumDepth) levels", line, column)
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let frame = stack.popLast() else { break }
                    if let anchor = frame.anchor { anchors[anchor] = (frame.nodes, frame.bytes) }
                    add(nodes: frame.nodes, bytes: frame.bytes)
                case YAML_ALIAS_EVENT:
                    guard let anchor = anchorName(event.data.alias.anchor), let size = anchors[anchor] else { break }
                    aliasNodes += size.nodes
                    aliasBytes += size.bytes
                    if aliasNodes > maximumAliasNodes || aliasBytes > byteLimit {
                        return (.aliasExpansionTooLarge,
                                "YAML aliases expand past the limit (\(maximumAliasNodes) nodes, \(byteLimit) bytes of text for this file)",
                                line, column)
                    }
                    add(nodes: size.nodes, bytes: size.bytes)
                default:
                    break
                }
            }
        }
    }
}
