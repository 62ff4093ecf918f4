/// A material's layout and lists, held in one box that the materials of a manifest selecting the
/// same share: a material is 64 bytes, where it was 112 with them in it (4.8 MB at 100,000).
extension MaterialSpec {
    /// The layout, such as `fact-sheet`.
    package var layout: String { get { selection.value.layout } set { select { $0.layout = newValue } } }
    /// The formats to produce.
    package var formats: [String] { get { selection.value.formats } set { select { $0.formats = newValue } } }
    /// Agency ids to include, in order.
    package var agencies: [String] { get { selection.value.agencies } set { select { $0.agencies = newValue } } }
    /// Agency kinds to include, in content order, after `agencies`.
    package var agencyKinds: [Agency.Kind] { get { selection.value.agencyKinds } set { select { $0.agencyKinds = newValue } } }
    /// Message ids to include, in order.
    package var messages: [String] { get { selection.value.messages } set { select { $0.messages = newValue } } }
    /// Topics whose messages are included, after `messages`.
    package var topics: [String] { get { selection.value.topics } set { select { $0.topics = newValue } } }

    /// What a material selects: its layout and lists.
    struct Selected: Sendable, Hashable {
        var layout: String
        var formats: [String]
        var agencies: [String]
        var agencyKinds: [Agency.Kind]
        var messages: [String]
        var topics: [String]
    }

    /// A box of what a material selects, never changed once made.
    final class Selection: Sendable {
        let value: Selected
        init(_ value: Selected) { self.value = value }
    }

    /// Boxes of what materials select, one for each selection, up to a limit: a manifest whose
    /// materials all select something of their own keeps a box for each (72 bytes more a material).
    struct Selections {
        private var known: [Selected: Selection] = [:]
        private let limit: Int

        init(limit: Int = 4096) { self.limit = limit }

        mutating func shared(_ selection: Selection) -> Selection {
            if let found = known[selection.value] { return found }
            if known.count < limit { known[selection.value] = selection }
            return selection
        }
    }

    /// Which box holds what it selects: the same for materials that share one.
    var selectionIdentity: ObjectIdentifier { ObjectIdentifier(selection) }

    /// Takes the box of an earlier material that selects the same, if `selections` has one.
    mutating func share(_ selections: inout Selections) {
        selection = selections.shared(selection)
    }

    /// Changes what it selects: a new box each time, so copies of the material never share a change.
    private mutating func select(_ change: (inout Selected) -> Void) {
        var value = selection.value
        change(&value)
        selection = Selection(value)
    }
}
