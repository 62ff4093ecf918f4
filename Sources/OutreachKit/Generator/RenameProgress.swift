import Foundation

/// How far a commit's renames have come, for the files written behind them.
///
/// The state and the run record take the stamp of every output in place, in path order, which is
/// the order the outputs are renamed in. On a second core they are written while the renames go
/// on: each waits, output by output, until the one it stamps is in place. The renames cannot use a
/// second core themselves (a rename between folders takes the file system's rename lock), and at
/// 10,000 materials they had been a fifth of a second alone before the other files were started.
///
/// Neither file is put in place before every rename is done; when one fails, the writers stop
/// waiting, and what they wrote is left in the staging area, which the session removes.
final class RenameProgress: @unchecked Sendable {
    private let condition = NSCondition()
    /// The records before this one are in place.
    private var done = 0
    /// Nil until the renames end; then whether all were made.
    private var outcome: Bool?

    /// Every record before `index` is in place.
    func advance(to index: Int) {
        condition.lock()
        done = max(done, index)
        condition.broadcast()
        condition.unlock()
    }

    /// The renames are over: all made, or one failed (`succeeded` false).
    func end(succeeded: Bool) {
        condition.lock()
        outcome = succeeded
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the record at `index` is in place; false when the renames ended without it.
    func wait(for index: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while done <= index && outcome == nil { condition.wait() }
        return done > index || outcome == true
    }

    /// Waits until the renames are over; whether all were made.
    func succeeded() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        return outcome == true
    }

    /// A reader of the progress for one thread: it asks the lock only when the record it waits for
    /// is past what it last saw.
    struct Follower {
        let progress: RenameProgress
        private var seen = 0

        init(_ progress: RenameProgress) { self.progress = progress }

        /// Waits until the record at `index` is in place; false when it never will be.
        mutating func wait(for index: Int) -> Bool {
            if index < seen { return true }
            guard progress.wait(for: index) else { return false }
            seen = progress.condition.withLock { progress.done }
            return true
        }
    }

    /// A yes or no one thread gives and others wait for.
    final class Answer: @unchecked Sendable {
        private let given = DispatchSemaphore(value: 0)
        private var value = false

        /// Gives the answer; call once.
        func give(_ answer: Bool) {
            value = answer
            given.signal()
        }

        /// Waits for the answer.
        func take() -> Bool {
            given.wait()
            defer { given.signal() }
            return value
        }
    }

    /// Runs each of `bodies` on a thread of its own, and returns when all have ended.
    static func runOnThreads(_ bodies: [@Sendable () -> Void]) -> Joined {
        let joined = Joined(count: bodies.count)
        for body in bodies {
            Thread {
                body()
                joined.semaphore.signal()
            }.start()
        }
        return joined
    }

    /// Threads started by ``runOnThreads(_:)``.
    final class Joined: Sendable {
        fileprivate let semaphore = DispatchSemaphore(value: 0)
        private let count: Int

        fileprivate init(count: Int) { self.count = count }

        /// Waits until every thread has ended.
        func wait() {
            for _ in 0..<count { semaphore.wait() }
        }
    }
}
