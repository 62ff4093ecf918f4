import Foundation

/// Runs `body` for every index in `0..<count` on up to `workers` threads.
///
/// Each index runs exactly once; callers store results by index, so the
/// result never depends on the number of workers or on timing.
func parallelForEach(_ count: Int, workers: Int, _ body: @Sendable (Int) -> Void) {
    let workers = max(1, min(workers, count))
    if workers == 1 {
        for index in 0..<count { body(index) }
        return
    }
    let next = IndexDispenser(count: count)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while let index = next.take() { body(index) }
    }
}

/// Hands out `0..<count` one index at a time, to any thread.
private final class IndexDispenser: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func take() -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}

/// Result slots filled from concurrent work; each index is written once.
final class ParallelResults<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value?] { lock.withLock { storage } }
}

/// A list that tasks append to in any order, made with room for what it will hold.
final class LockedList<Value>: @unchecked Sendable {
    private var storage: [Value] = []
    private let lock = NSLock()

    init(capacity: Int) { storage.reserveCapacity(capacity) }

    func append(_ value: Value) { lock.withLock { storage.append(value) } }

    /// Everything appended, taken out: the list is left empty, and nothing is copied.
    func take() -> [Value] {
        lock.withLock {
            var taken: [Value] = []
            swap(&taken, &storage)
            return taken
        }
    }
}

extension Array where Element: Sendable {
    /// `transform` applied to every element, at most `limit` at a time in a
    /// task group; the result is in the order of the array, whatever the timing.
    func concurrentMap<Result: Sendable>(
        limit: Int, _ transform: @escaping @Sendable (Element) async -> Result
    ) async -> [Result] {
        await withTaskGroup(of: (Int, Result).self) { group in
            var results: [Result?] = Array<Result?>(repeating: nil, count: count)
            var next = 0
            func startNext() {
                guard next < count else { return }
                let index = next
                let element = self[index]
                group.addTask { (index, await transform(element)) }
                next += 1
            }
            for _ in 0..<Swift.max(1, limit) { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                startNext()
            }
            return results.compactMap { $0 }
        }
    }
}

/// A value handed to other threads that only read it, such as a parsed YAML tree: its
/// reference-counted parts are never written after they are built.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Items given one at a time on one thread, worked on in chunks by other threads as the chunks
/// fill, with the results kept in chunk order: a manifest's materials are read this way while the
/// manifest is still being parsed.
///
/// At most a few chunks wait at once; ``add(_:)`` waits for the workers when they fall behind, so
/// the items waiting never grow with the input. No thread is started for a single chunk.
final class ChunkPipeline<Item, Result>: @unchecked Sendable {
    private let chunkSize: Int
    private let workers: Int
    private let work: ([Item]) -> Result
    private let condition = NSCondition()
    private var waiting: [(index: Int, items: [Item])] = []
    private var results: [Int: Result] = [:]
    private var pending: [Item] = []
    private var chunks = 0
    private var running = 0
    private var closed = false

    init(chunkSize: Int, workers: Int, work: @escaping ([Item]) -> Result) {
        self.chunkSize = max(1, chunkSize)
        self.workers = max(1, workers)
        self.work = work
    }

    /// Adds an item; from one thread only.
    func add(_ item: Item) {
        pending.append(item)
        if pending.count == chunkSize { submit() }
    }

    private func submit() {
        let items = pending
        pending = []
        condition.lock()
        if running == 0 {
            for _ in 0..<workers {
                running += 1
                Thread { [self] in drain() }.start()
            }
        }
        while waiting.count >= workers { condition.wait() }
        waiting.append((chunks, items))
        chunks += 1
        condition.broadcast()
        condition.unlock()
    }

    private func drain() {
        condition.lock()
        while true {
            if !waiting.isEmpty {
                let next = waiting.removeFirst()
                condition.broadcast()
                condition.unlock()
                let result = work(next.items)
                condition.lock()
                results[next.index] = result
            } else if closed {
                break
            } else {
                condition.wait()
            }
        }
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for every chunk and returns their results in order; no item may be added after.
    func finish() -> [Result] {
        // Everything fit in one chunk: worked on here, with no thread started.
        if chunks == 0 { return pending.isEmpty ? [] : [work(pending)] }
        if !pending.isEmpty { submit() }
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
        // Taken out, not copied: a result the pipeline still held was not freed when its taker let it go,
        // and a manifest's 100,000 materials were held twice while they were gathered into one list.
        let all = (0..<chunks).compactMap { results.removeValue(forKey: $0) }
        results = [:]
        return all
    }
}
