import Foundation
internal import Subprocess
#if canImport(System)
internal import System
#else
internal import SystemPackage
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs an external format's program once: writes the request to its stdin,
/// reads its stdout up to a limit and keeps the tail of its stderr, and kills
/// it (with everything it started) when it runs out of time.
struct PluginProcess: Sendable {
    /// The most a plugin may print on stdout; reading stops beyond it.
    static let maximumResponseSize = 16 * 1024 * 1024
    /// How much of the end of stderr errors quote.
    static let stderrTailBytes = 2048
    static let stderrTailLines = 20

    /// How a run ended.
    enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)
        /// Killed after `timeout` seconds.
        case timedOut
        /// Killed after printing more than ``maximumResponseSize`` bytes.
        case outputTooLarge
    }

    /// What a run produced.
    struct Output: Sendable {
        var ending: Ending
        var stdout: Data
        /// The last lines of stderr, at most ``stderrTailLines`` and ``stderrTailBytes``.
        var stderrTail: String
    }

    let executable: URL
    let arguments: [String]
    let workingDirectory: URL
    let timeout: Double

    /// Runs the program with `input` on stdin; throws only when it cannot be
    /// started, or when the calling task is cancelled.
    ///
    /// The program leads a process group of its own. However the run ends (an
    /// answer, a failure, the timeout, cancellation), everything left in that
    /// group is killed before this returns, so nothing the program started
    /// outlives the request. The timeout is task cancellation: swift-subprocess
    /// then kills the group (its teardown sequence). Writing to a program that
    /// has closed its input fails with `EPIPE` only where the caller ignores
    /// `SIGPIPE`, as the `outreach` command does; the library leaves the
    /// process's signal handling alone.
    func run(input: Data) async throws -> Output {
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .milliseconds(200))]
        let configuration = Configuration(
            executable: .path(FilePath(executable.path)), arguments: Arguments(arguments),
            workingDirectory: FilePath(workingDirectory.path), platformOptions: options)
        let group = ProcessGroup()
        defer { group.killRemaining() }

        let outcome = try await withThrowingTaskGroup(of: Event.self) { tasks in
            tasks.addTask {
                let result = try await Subprocess.run(configuration, input: .inputWriter, output: .sequence, error: .sequence) { execution in
                    group.started(execution.processIdentifier.value)
                    return await Self.communicate(with: execution, input: input, processGroup: group)
                }
                return .finished(result.terminationStatus, result.closureResult)
            }
            tasks.addTask {
                try await Task.sleep(for: .milliseconds(Int(max(0, timeout) * 1000)))
                return .timedOut
            }
            defer { tasks.cancelAll() }
            while true {
                do {
                    guard let event = try await tasks.next() else { throw CancellationError() }
                    return event
                } catch is CancellationError where !Task.isCancelled {
                    continue // the timer, cancelled after the program finished first
                }
            }
        }
        switch outcome {
        case .timedOut:
            return Output(ending: .timedOut, stdout: Data(), stderrTail: Self.tail(of: group.stderr))
        case .finished(let status, let streams):
            let ending: Ending
            if streams.tooLarge {
                ending = .outputTooLarge
            } else {
                switch status {
                case .exited(let code): ending = .exited(Int32(code))
                case .signaled(let signal): ending = .signaled(Int32(signal))
                }
            }
            return Output(ending: ending, stdout: streams.stdout, stderrTail: Self.tail(of: streams.stderr))
        }
    }

    private enum Event: Sendable {
        case finished(TerminationStatus, Streams)
        case timedOut
    }

    private struct Streams: Sendable {
        var stdout = Data()
        var tooLarge = false
        var stderr = Data()
    }

    private enum Piece: Sendable {
        case stdout(Data, tooLarge: Bool)
        case stderr(Data)
        case inputWritten
    }

    /// Writes stdin, reads stdout and stderr, all at once so that no pipe fills up and blocks the program.
    private static func communicate(
        with execution: Execution<CustomWriteInput, SequenceOutput, SequenceOutput>, input: Data, processGroup: ProcessGroup
    ) async -> Streams {
        await withTaskGroup(of: Piece.self) { group in
            group.addTask {
                // A program that exits without reading its input breaks the pipe; its exit status tells why.
                _ = try? await execution.standardInputWriter.write(input)
                try? await execution.standardInputWriter.finish()
                return .inputWritten
            }
            group.addTask {
                var data = Data()
                do {
                    for try await buffer in execution.standardOutput {
                        buffer.withUnsafeBytes { data.append(contentsOf: $0) }
                        if data.count > maximumResponseSize {
                            try? execution.send(signal: .kill, toProcessGroup: true)
                            return .stdout(data.prefix(maximumResponseSize), tooLarge: true)
                        }
                    }
                } catch {}
                return .stdout(data, tooLarge: false)
            }
            group.addTask {
                var tail = Data()
                do {
                    for try await buffer in execution.standardError {
                        buffer.withUnsafeBytes { tail.append(contentsOf: $0) }
                        if tail.count > 2 * stderrTailBytes { tail = Data(tail.suffix(stderrTailBytes)) }
                        processGroup.stderr = tail
                    }
                } catch {}
                return .stderr(tail)
            }
            var streams = Streams()
            for await piece in group {
                switch piece {
                case .stdout(let data, let tooLarge): (streams.stdout, streams.tooLarge) = (data, tooLarge)
                case .stderr(let data): streams.stderr = data
                case .inputWritten: break
                }
            }
            return streams
        }
    }

    /// The last lines of `data` as text, within the line and byte limits.
    static func tail(of data: Data) -> String {
        var text = String(decoding: data.suffix(stderrTailBytes), as: UTF8.self)
        if data.count > stderrTailBytes, let newline = text.firstIndex(of: "\n") {
            text = String(text[text.index(after: newline)...]) // drop the cut-off first line
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        return lines.suffix(stderrTailLines).joined(separator: "\n")
    }
}

/// The process group a run's program leads, so that whatever it started can
/// be ended when the run is over.
private final class ProcessGroup: @unchecked Sendable {
    private let lock = NSLock()
    private var leader: pid_t?
    private var stderrSoFar = Data()

    /// What the program has written to stderr so far, for a run that times out.
    var stderr: Data {
        get { lock.withLock { stderrSoFar } }
        set { lock.withLock { stderrSoFar = newValue } }
    }

    func started(_ pid: pid_t) { lock.withLock { leader = pid } }

    /// Kills every process still in the group. The program itself has been
    /// reaped by now; its id stays reserved while any process of its group
    /// lives, so the signal cannot reach an unrelated process group.
    func killRemaining() {
        lock.withLock {
            if let leader { _ = kill(-leader, SIGKILL) }
            leader = nil
        }
    }
}

extension PluginProcess {
    /// A process for `command`, its program found and checked before anything runs.
    ///
    /// A program named with a `/` is found from `workingDirectory`; a bare name on `PATH`.
    init(command: [String], workingDirectory: URL, timeout: Double, label: String) throws(ExternalFormatFailure) {
        func fail(_ problem: String) -> ExternalFormatFailure {
            ExternalFormatFailure(code: .pluginCannotRun, plugin: label, problem: problem, stderrTail: nil)
        }
        guard let program = command.first, !program.isEmpty else { throw fail("has an empty command") }
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        guard fileManager.fileExists(atPath: workingDirectory.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw fail("cannot run in \(quoted(workingDirectory.path)), which is not a folder")
        }
        let executable: URL
        if program.contains("/") {
            executable = program.hasPrefix("/") ? URL(fileURLWithPath: program) : workingDirectory.appendingPathComponent(program)
            guard fileManager.fileExists(atPath: executable.path, isDirectory: &isFolder) else {
                throw fail("cannot be run: \(quoted(executable.path)) does not exist")
            }
            guard !isFolder.boolValue, fileManager.isExecutableFile(atPath: executable.path) else {
                throw fail("cannot be run: \(quoted(executable.path)) is not an executable file; make it executable with chmod +x")
            }
        } else {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
            let found = path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(program) }
                .first { fileManager.fileExists(atPath: $0.path, isDirectory: &isFolder) && !isFolder.boolValue
                    && fileManager.isExecutableFile(atPath: $0.path) }
            guard let found else { throw fail("cannot be run: no program \(quoted(program)) on PATH") }
            executable = found
        }
        self.init(executable: executable, arguments: Array(command.dropFirst()), workingDirectory: workingDirectory, timeout: timeout)
    }
}
