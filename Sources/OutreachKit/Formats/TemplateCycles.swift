/// Finds templates that include themselves through partials (`{{>name}}` or
/// `{{<name}}`), directly or through others, before anything renders: Mustache
/// would expand such a template without end.
///
/// The search walks the include graph with an explicit stack, so a folder of
/// any size costs time linear in its tags and never deep recursion.
enum TemplateCycles {
    /// One template: its name (the file name without `.mustache`), how to name its file, its text.
    struct Template {
        var name: String
        var path: String
        var source: String
    }

    /// One error per cycle, at the include that closes it, naming the chain.
    static func diagnostics(_ templates: [Template]) -> [Diagnostic] {
        let byName = Dictionary(templates.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        var includes: [String: [(target: String, at: SourceLocation)]] = [:]
        for template in byName.values {
            includes[template.name] = (TemplateTag.tags(in: template.source) ?? []).compactMap { tag in
                guard tag.sigil == ">" || tag.sigil == "<", byName[tag.name] != nil else { return nil }
                return (tag.name, SourceLocation(file: template.path, line: tag.line, column: tag.column))
            }
        }
        enum Mark { case active, done }
        var marks: [String: Mark] = [:]
        var problems: [Diagnostic] = []
        for start in byName.keys.sorted() where marks[start] == nil {
            // Each frame is a template on the current path and how many of its includes were followed.
            var path: [(name: String, next: Int)] = [(start, 0)]
            marks[start] = .active
            while let top = path.last {
                let edges = includes[top.name] ?? []
                guard top.next < edges.count else {
                    marks[top.name] = .done
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let edge = edges[top.next]
                switch marks[edge.target] {
                case .active?:
                    let chain = path.drop { $0.name != edge.target }.map(\.name) + [edge.target]
                    let message = chain.count == 2
                        ? "template \(quoted(edge.target)) includes itself"
                        : "template \(quoted(edge.target)) includes itself: \(chain.joined(separator: " -> "))"
                    problems.append(.error(.templateCycle, message, at: edge.at, hint: "remove one include of the cycle"))
                case .done?:
                    continue
                case nil:
                    marks[edge.target] = .active
                    path.append((edge.target, 0))
                }
            }
        }
        return problems
    }
}
