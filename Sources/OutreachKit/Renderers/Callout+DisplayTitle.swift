import Foundation

extension Callout {
    /// The title to show: the callout's own, or its kind's name ("Note",
    /// "Important", "Tip") when it has none, so every format marks it the same way.
    var displayTitle: String {
        if let title, !title.isBlank { return title }
        switch kind {
        case .note: return "Note"
        case .important: return "Important"
        case .tip: return "Tip"
        }
    }
}
