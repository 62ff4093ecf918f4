import Foundation

/// Values made once and kept by key, at most `limit` of them: past the limit the table starts
/// over, so it stays bounded whatever a kit holds. A value is made outside the lock; two threads
/// that make the same one at once both make it, and the later is kept. Any thread may use it.
final class MemoTable<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// The value kept for `key`, made now by `make` when there is none.
    func value(for key: Key, make: () -> Value) -> Value {
        if let known = lock.withLock({ values[key] }) { return known }
        let made = make()
        lock.withLock {
            if values.count >= limit { values.removeAll(keepingCapacity: true) }
            values[key] = made
        }
        return made
    }

    /// How many values the table holds.
    var count: Int { lock.withLock { values.count } }
}
