import Dispatch
import Foundation

extension PluginProcess {
    /// Runs the program from synchronous code, such as ``Renderer/render(_:options:)``,
    /// and waits for it.
    ///
    /// Renders run on Dispatch threads (`concurrentPerform`). The async work
    /// runs in a detached task that prefers an executor of its own, backed by a
    /// Dispatch queue, so that it never needs a thread of Swift's cooperative
    /// pool while this thread waits on a semaphore. (swift-subprocess still
    /// starts one short unstructured task per run on the global pool; a caller
    /// that is itself a pool thread must leave the pool a thread to run it.)
    func runBlocking(input: Data) throws -> Output {
        let semaphore = DispatchSemaphore(value: 0)
        let result = ResultSlot<Output>()
        let operation: @Sendable () async -> Void = {
            do {
                result.set(.success(try await self.run(input: input)))
            } catch {
                result.set(.failure(error))
            }
            semaphore.signal()
        }
        if #available(macOS 15, *) {
            let executor = DispatchTaskExecutor(label: "outreach.plugin.\(executable.lastPathComponent)")
            Task.detached(executorPreference: executor, operation: operation)
            withExtendedLifetime(executor) { semaphore.wait() }
        } else {
            Task.detached(operation: operation)
            semaphore.wait()
        }
        return try result.get()
    }
}

/// A task executor that runs jobs on a serial Dispatch queue, outside Swift's cooperative pool.
@available(macOS 15, *)
final class DispatchTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// A result handed from the task to the waiting thread.
private final class ResultSlot<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<Value, any Error>?

    func set(_ newValue: Result<Value, any Error>) { lock.withLock { value = newValue } }

    func get() throws -> Value {
        guard let value = lock.withLock({ value }) else { throw CancellationError() }
        return try value.get()
    }
}
