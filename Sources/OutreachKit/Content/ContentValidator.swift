/// Checks loaded content as a whole: duplicate ids and dangling references.
///
/// Field-level checks (required keys, types, URLs, phone numbers) happen while
/// reading, where the exact location is at hand.
struct ContentValidator {
    let campaign: Campaign
    let index: SourceIndex
    let sink: DiagnosticSink

    func validate() {
        reportDuplicates()
        reportDanglingReferences()
    }

    private func reportDuplicates() {
        var seen: [String: SourceLocation] = [:]
        for definition in index.definitions {
            let key = "\(definition.kind.rawValue)\u{0}\(definition.id)\u{0}\(definition.locale ?? "")"
            if let first = seen[key] {
                let locale = definition.locale.map { " in locale '\($0)'" } ?? ""
                sink.error(.duplicateID, "duplicate \(definition.kind.rawValue) id \(quoted(definition.id))\(locale)",
                           at: definition.location, hint: "first defined at \(first.description)")
            } else {
                seen[key] = definition.location
            }
        }
    }

    private func reportDanglingReferences() {
        var known: [SourceIndex.Kind: Set<String>] = [:]
        for definition in index.definitions { known[definition.kind, default: []].insert(definition.id) }
        var choiceLists: [SourceIndex.Kind: (ids: [String], text: String)] = [:]
        for reference in index.references where !(known[reference.kind]?.contains(reference.id) ?? false) {
            // Sorted and listed once per kind, not once per unknown reference.
            let choices = choiceLists[reference.kind] ?? {
                let ids = (known[reference.kind] ?? []).sorted()
                return (ids, quotedList(ids))
            }()
            choiceLists[reference.kind] = choices
            var hint = "known \(reference.kind.rawValue) ids: \(choices.text)"
            if let near = closestMatch(to: reference.id, in: choices.ids) { hint = "did you mean '\(near)'? " + hint }
            sink.error(.unknownReference, "unknown \(reference.kind.rawValue) \(quoted(reference.id)) in '\(reference.field)'",
                       at: reference.location, hint: hint)
        }
    }
}
