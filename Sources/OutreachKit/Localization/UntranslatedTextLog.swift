import Foundation

/// The content texts (agency, contact and campaign text) that a layout asked
/// for in a locale they are not written in, so the run can report them
/// instead of printing the default locale's words without a word.
package final class UntranslatedTextLog: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []

    /// An empty log.
    package init() {}

    /// Records the text a layout used in place of a missing translation.
    func record(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        if !texts.contains(text) { texts.append(text) }
    }

    /// The texts recorded, in the order first met.
    package var recorded: [String] {
        lock.lock()
        defer { lock.unlock() }
        return texts
    }
}
