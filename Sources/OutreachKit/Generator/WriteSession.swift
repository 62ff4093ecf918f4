import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One two-phase write into a locked output folder.
///
/// Phase 1, ``stage(_:)``, may be called from any task as outputs are
/// rendered: it checks the target, leaves unchanged files alone and writes
/// changed bytes into `.outreach-staging-PID/` inside the output folder (the
/// same file system, so the renames are atomic). Phase 2, ``commit()``,
/// flushes the staged set once and renames each file into place. Either
/// ends the session; ``abandon()`` removes the staging area and everything
/// the session created, leaving the folder as it was.
package final class WriteSession: @unchecked Sendable {
    static let stagingPrefix = ".outreach-staging-"

    private let root: URL
    /// `root.path` and `staging.path`: outputs' paths are joined to them as strings, since
    /// joining URLs cost a twentieth of a run.
    private let rootPath: String
    private let stagingPath: String
    private let realRoot: String
    private let display: String
    private let usesRenderCache: Bool
    private let fault: WriteFault?
    private let staging: URL
    private var lock: OutputLock?
    /// What the session created and must remove if it is abandoned.
    private let createdRoot: URL?
    private let createdLockFile: Bool

    private let mutex = NSLock()
    /// What was staged, and what will happen to each: written (it has a staged name) or unchanged;
    /// in the staging area until the commit reads it back. Nil only if the staging area could not be made.
    private var list: StagedList?
    /// The render cache's lines of the outputs rendered, when the session saves the cache.
    private var cacheLines: CacheLines?
    private var checkedFolders: [String: String?] = [:]
    private var createdFolders: Set<String> = []
    private var nextName: UInt32 = 0
    private var finished = false
    /// The record the commit keeps of the run (``RunRecord``); nil keeps none.
    var runRecord: RunRecord.Draft?
    /// Whether the commit may use a second thread (the run's `--jobs` is more than 1).
    var savesConcurrently = false

    init(folder: URL, display: String, usesRenderCache: Bool, lockTimeout: Double, fault: WriteFault?) throws(DiagnosticError) {
        let fileManager = FileManager.default
        root = folder.standardizedFileURL
        self.display = display
        self.usesRenderCache = usesRenderCache
        self.fault = fault
        var topmost: URL?
        var ancestor = root
        while !fileManager.fileExists(atPath: ancestor.path), ancestor.path != "/" {
            topmost = ancestor
            ancestor.deleteLastPathComponent()
        }
        do {
            try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw DiagnosticError([.error(.outputFolderUncreatable, "cannot create output folder \(quoted(display)): \(error.localizedDescription)")])
        }
        createdRoot = topmost
        realRoot = root.resolvingSymlinksInPath().path
        let lockPath = root.appendingPathComponent(OutputLock.fileName).path
        createdLockFile = !fileManager.fileExists(atPath: lockPath)
        staging = root.appendingPathComponent(Self.stagingPrefix + String(getpid()))
        rootPath = root.path
        stagingPath = staging.path
        do {
            lock = try OutputLock.acquire(in: root, display: display, shared: false, timeout: lockTimeout)
            Self.removeLeftovers(in: root)
            try fault?.body(.createStaging, "")
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            list = try StagedList(newFileAt: stagingPath + "/list")
            if usesRenderCache { cacheLines = try CacheLines(newFileAt: stagingPath + "/lines") }
        } catch let error as DiagnosticError {
            undo()
            throw error
        } catch {
            undo()
            throw DiagnosticError([.error(.writeFailed, "cannot create the staging folder in \(quoted(display)): \(Self.reason(error))")])
        }
    }

    /// Phase 1 for one output: checks where it goes and stages its bytes when they changed.
    ///
    /// Returns what will happen to it. The session keeps its path, size and what it was made from,
    /// not its bytes.
    @discardableResult
    package func stage(_ output: PlannedOutput) throws(DiagnosticError) -> WriteStatus {
        if output.knownOnDisk {
            try record(output, stagedName: nil)
            return .unchanged
        }
        if let reason = escapeReason(output.path) ?? reservedNameReason(output.path) {
            throw DiagnosticError([.error(.outputPathEscapes, "refusing to write \(quoted(output.path)): it \(reason)")])
        }
        let target = rootPath + "/" + output.path
        if let problem = folderProblem(for: Self.parent(of: output.path)) {
            throw DiagnosticError([.error(problem.code, problem.message(displayPath(output.path)))])
        }
        var status = stat()
        if lstat(target, &status) == 0 {
            if (status.st_mode & S_IFMT) == S_IFDIR {
                throw DiagnosticError([.error(.writeFailed, "cannot write \(quoted(displayPath(output.path))): a folder is in the way")])
            }
            if Int(status.st_size) == output.contents.count,
               let existing = FileManager.default.contents(atPath: target), existing == output.contents {
                try record(output, stagedName: nil)
                return .unchanged
            }
        }
        let name = mutex.withLock { defer { nextName += 1 }; return nextName }
        do {
            try fault?.body(.stage, output.path)
            try Self.writeNew(output.contents, to: stagingPath + "/" + String(name))
        } catch {
            throw DiagnosticError([.error(.writeFailed, "cannot write \(quoted(displayPath(output.path))): \(Self.reason(error))")])
        }
        try record(output, stagedName: name)
        return .written
    }

    /// Phase 2: flushes the staged files, renames them into place and saves the render cache.
    package func commit() throws(DiagnosticError) -> WriteResults {
        // Read back from the staging area and sorted in place: the list is never copied.
        var outputs: StagedOutputs
        do {
            try fault?.body(.readList, "")
            outputs = try mutex.withLock { () throws -> StagedOutputs in
                defer { list = nil }
                return try list?.read() ?? StagedOutputs()
            }
        } catch {
            abandon()
            throw DiagnosticError([.error(.writeFailed, "cannot read back the list of staged files in \(quoted(display)): \(Self.reason(error))")])
        }
        // Two outputs for one path (a format that names its own files) are found side by side once sorted.
        if let index = outputs.sort() {
            abandon()
            let output = outputs.records[index]
            throw DiagnosticError([.error(.outputPathConflict,
                "two outputs of material \(quoted(outputs.names(output).material)) are both written to \(quoted(outputs.path(output)))")])
        }
        let records = outputs.records
        do {
            try fault?.body(.flush, "")
            // Nothing staged, nothing to flush: a no-op rerun does not sync the file system.
            if records.contains(where: \.isStaged) { try flushStaging() }
        } catch {
            abandon()
            throw DiagnosticError([.error(.writeFailed, "cannot flush the staged files in \(quoted(display)) to disk: \(Self.reason(error))")])
        }
        // The old record no longer describes the folder once a file changes: gone before the first rename.
        if records.contains(where: \.isStaged) || runRecord == nil { unlink(rootPath + "/" + RunRecord.fileName) }
        // The cache and state, and the run record, are files of their own, each taking the stamp of every
        // output: with a second core, they are written while the renames go on, behind them.
        let sorted = outputs
        let progress = savesConcurrently && (usesRenderCache || runRecord != nil) ? RenameProgress() : nil
        // The state is put in place only if the cache is (the cache is saved first), and written meanwhile.
        let cacheSaved = RenameProgress.Answer()
        let saves: [@Sendable () -> Void] = [
            { [self] in if usesRenderCache { cacheSaved.give(saveCache(sorted, after: progress)) } },
            { [self] in if usesRenderCache { Self.saveState(sorted, cacheIsCurrent: cacheSaved.take, root: root, staging: staging, after: progress) } },
            { [self] in if let runRecord { RunRecord.write(runRecord, outputs: sorted, root: rootPath, staged: stagingPath + "/run", after: progress) } },
        ]
        let savers = progress.map { _ in RenameProgress.runOnThreads(saves) }
        for index in records.indices {
            if index % 32 == 0 { progress?.advance(to: index) }
            guard records[index].isStaged else { continue }
            let path = outputs.path(records[index])
            do {
                let folder = Self.parent(of: path)
                if !folder.isEmpty, !createdFolders.contains(folder) {
                    try FileManager.default.createDirectory(atPath: rootPath + "/" + folder, withIntermediateDirectories: true)
                    createdFolders.insert(folder)
                }
                try fault?.body(.rename, path)
                if rename(stagingPath + "/" + String(records[index].stagedName), rootPath + "/" + path) != 0 { throw POSIXError(errno) }
            } catch {
                // The files written behind the renames stop, and stay in the staging area, removed with it.
                progress?.end(succeeded: false)
                savers?.wait()
                let replaced = records[..<index].filter(\.isStaged).map(outputs.path)
                let rest = records[index...].filter(\.isStaged).map(outputs.path)
                finish()
                throw DiagnosticError([partialWrite(failed: path, reason: Self.reason(error), replaced: replaced, rest: rest)])
            }
        }
        if let progress, let savers {
            progress.advance(to: records.count)
            progress.end(succeeded: true)
            savers.wait()
        } else {
            for save in saves { save() }
        }
        finish()
        return WriteResults(outputs)
    }

    /// Ends a session that will not commit: the folder is left as it was before ``init``.
    package func abandon() {
        undo()
    }

    /// Keeps what the session needs of a staged output; its cache line, when it was rendered, goes
    /// to the staging area until the cache is saved.
    private func record(_ output: PlannedOutput, stagedName: UInt32?) throws(DiagnosticError) {
        let line = (output.knownOnDisk && output.recordedInCache) || cacheLines == nil ? nil : RenderCache.line(for: output)
        do {
            try mutex.withLock {
                let place = try line.map { try cacheLines!.append($0) }
                try list?.append(output, stagedName: stagedName, line: place)
            }
        } catch {
            throw DiagnosticError([.error(.writeFailed, "cannot write \(quoted(displayPath(output.path))): \(Self.reason(error))")])
        }
    }

    /// The folder part of an output's relative path ("" at the top).
    private static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Why files cannot be made in the output folder's `relativeFolder`, checked once per folder:
    /// a file in the way, a symbolic link out of the output folder, or a folder that cannot be written.
    private func folderProblem(for relativeFolder: String) -> FolderProblem? {
        if let known = mutex.withLock({ checkedFolders[relativeFolder] }) { return known.map(FolderProblem.init) }
        let folder = relativeFolder.isEmpty ? root : root.appendingPathComponent(relativeFolder)
        var ancestor = folder
        while !FileManager.default.fileExists(atPath: ancestor.path) { ancestor.deleteLastPathComponent() }
        var problem: String?
        let real = ancestor.resolvingSymlinksInPath().path
        var isFolder: ObjCBool = false
        if !(real == realRoot || real.hasPrefix(realRoot + "/")) {
            problem = "symlink"
        } else if !FileManager.default.fileExists(atPath: real, isDirectory: &isFolder) || !isFolder.boolValue {
            problem = "a file is in the way of the folder it goes in"
        } else if access(real, W_OK) != 0 {
            problem = "the folder \(quoted(ancestor.path == root.path ? display : displayPath(String(ancestor.path.dropFirst(root.path.count + 1))))) cannot be written to"
        }
        mutex.withLock { checkedFolders[relativeFolder] = .some(problem) }
        return problem.map(FolderProblem.init)
    }

    private struct FolderProblem {
        let reason: String
        var code: DiagnosticCode { reason == "symlink" ? .outputSymlinkEscapes : .writeFailed }
        func message(_ path: String) -> String {
            reason == "symlink"
                ? "refusing to write \(quoted(path)): a symbolic link leads outside the output folder"
                : "cannot write \(quoted(path)): \(reason)"
        }
    }

    /// The one flush of the staged set: after it, a crash leaves every renamed file complete.
    private func flushStaging() throws {
        #if os(Linux)
        let descriptor = open(staging.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(errno) }
        defer { close(descriptor) }
        if linuxSyncfs(descriptor) != 0 { throw POSIXError(errno) }
        #else
        for name in (try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? [] {
            let descriptor = open(staging.appendingPathComponent(name).path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw POSIXError(errno) }
            defer { close(descriptor) }
            if fsync(descriptor) != 0 { throw POSIXError(errno) }
        }
        #endif
    }

    /// Records what each output was made from; rewritten only when it changed, so a
    /// rerun that changes nothing writes nothing. A cache that cannot be saved only
    /// costs the next run its shortcut. Returns whether the cache on disk now describes the outputs.
    private func saveCache(_ outputs: StagedOutputs, after progress: RenameProgress?) -> Bool {
        // Every output came from the cache as its line records it, so the cache already says all there is to say.
        guard let cacheLines, !outputs.records.allSatisfy({ $0.flags.contains(.recorded) }) else { return true }
        let target = root.appendingPathComponent(RenderCache.fileName).path
        let staged = staging.appendingPathComponent("cache").path
        // Merged with the old file a block at a time, and compared by digest: neither is held whole.
        // A damaged old file is left out, on a second pass.
        for old in [target, nil] {
            unlink(staged)
            let merged: SortedLineMerge.Outcome
            let digest: Digest256
            do {
                try cacheLines.flush()
                var failure: (any Error)?
                let updates = outputs.records.lazy.map { record -> (path: [UInt8], value: RenderCache.Update) in
                    let update: RenderCache.Update
                    if record.flags.contains(.recorded) {
                        update = .keep
                    } else if record.lineCount > 0 {
                        do { update = .line(try cacheLines.line(at: record.lineStart, count: Int(record.lineCount))) } catch {
                            failure = error
                            update = .keep
                        }
                    } else {
                        update = .remove
                    }
                    return (outputs.pathBytes(record), update)
                }
                var writer = try BlockWriter(newFileAt: staged)
                merged = RenderCache.write(updates, over: old, to: &writer)
                digest = try writer.finish()
                if let failure { throw failure }
            } catch { return false }
            guard case .merged(let before) = merged else { continue }
            // Put in place only once every output is: a cache ahead of the folder would vouch for files not yet there.
            guard progress?.succeeded() ?? true else { return false }
            if before == digest {
                unlink(staged)
                return true
            }
            // The JSON cache of outreach 0.1.0, which this one replaces.
            unlink(root.appendingPathComponent(".outreach-cache.json").path)
            return rename(staged, target) == 0
        }
        return false
    }

    /// The error of a rename phase that stopped: which files hold new bytes, and which still hold the old.
    private func partialWrite(failed path: String, reason: String, replaced: [String], rest: [String]) -> Diagnostic {
        let total = replaced.count + rest.count
        var message = "cannot move \(quoted(displayPath(path))) into place: \(reason); "
        message += "\(replaced.count) of \(total) changed file\(total == 1 ? "" : "s") \(replaced.count == 1 ? "was" : "were") replaced"
        if !replaced.isEmpty { message += " (\(replaced.map { quoted(displayPath($0)) }.joined(separator: ", ")))" }
        message += "; \(rest.count == 1 ? "this one still holds its" : "these still hold their") old version or do not exist yet: "
        message += rest.map { quoted(displayPath($0)) }.joined(separator: ", ")
        return .error(.partiallyWritten, message, hint: "fix the cause and run again; the next run completes the set")
    }

    /// Removes the staging area and unlocks.
    private func finish() {
        guard !finished else { return }
        finished = true
        try? FileManager.default.removeItem(at: staging)
        lock?.release()
        lock = nil
    }

    /// Removes everything the session made: staging area, lock file and output folder when they are new.
    private func undo() {
        guard !finished else { return }
        try? FileManager.default.removeItem(at: staging)
        // The lock is still held, so no other run has opened a lock file it would lose.
        if createdLockFile { unlink(root.appendingPathComponent(OutputLock.fileName).path) }
        if let createdRoot { try? FileManager.default.removeItem(at: createdRoot) }
        finish()
    }

    private func displayPath(_ relative: String) -> String {
        display.hasSuffix("/") ? display + relative : display + "/" + relative
    }

}

#if os(Linux)
/// `syncfs(2)`: flushes the whole file system that holds `descriptor` in one call.
/// Glibc declares it only under `_GNU_SOURCE`, which the Swift overlay does not set.
@_silgen_name("syncfs")
private func linuxSyncfs(_ descriptor: Int32) -> Int32
#endif

extension POSIXError {
    init(_ number: Int32) { self.init(POSIXErrorCode(rawValue: number) ?? .EIO) }
}
