import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a write session does with files that needs none of its state.
extension WriteSession {
    /// Removes what a killed run left: staging folders at the top, and the
    /// `.NAME.outreach-PID.tmp` files that writers before the staging area left beside their targets.
    /// Only called with the lock held, so no live run owns them.
    ///
    /// The whole tree is walked for those only in a folder with no `.outreach-state`: a run that
    /// writes that file stages, so it leaves none, and the walk was a tenth of a no-op rerun.
    ///
    /// The top of the folder is read a name at a time, and only hidden names are looked at: a
    /// list of its names was 22 MB in a folder of 300,000 outputs, most of a no-op rerun's memory.
    static func removeLeftovers(in root: URL) {
        let fileManager = FileManager.default
        var staging: [String] = []
        var hasState = false
        guard forEachHiddenName(inFolder: root.path, { name in
            if name.hasPrefix(stagingPrefix) { staging.append(name) }
            if name == OutputState.fileName { hasState = true }
        }) else { return }
        for name in staging {
            try? fileManager.removeItem(at: root.appendingPathComponent(name))
        }
        guard !hasState, let walker = fileManager.enumerator(atPath: root.path) else { return }
        while let path = walker.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix("."), name.hasSuffix(".tmp"), name.contains(".outreach-") {
                try? fileManager.removeItem(at: root.appendingPathComponent(path))
            }
        }
    }

    /// Calls `body` with each name that begins with `.` in the folder at `path` (not `.` or `..`),
    /// reading the folder one entry at a time; false when the folder cannot be read.
    static func forEachHiddenName(inFolder path: String, _ body: (String) -> Void) -> Bool {
        guard let folder = opendir(path) else { return false }
        defer { closedir(folder) }
        while let entry = readdir(folder) {
            let name: String? = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let bytes = raw.prefix { $0 != 0 }
                guard bytes.first == UInt8(ascii: "."), bytes.count > 2 || bytes.contains(where: { $0 != UInt8(ascii: ".") }) else { return nil }
                return String(decoding: bytes, as: UTF8.self)
            }
            if let name { body(name) }
        }
        return true
    }

    /// Writes `data` to a new file with plain `write` calls: no fsync, the staged set is flushed once.
    static func writeNew(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(errno) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { try SpillFile.writeAll($0, to: descriptor) }
    }

    /// What went wrong, as a person reads it: the system's words for a POSIX error.
    static func reason(_ error: any Error) -> String {
        if let error = error as? POSIXError { return String(cString: strerror(error.code.rawValue)) }
        if error is CocoaError { return error.localizedDescription }
        return String(describing: error)
    }
}

/// Why a path may not be an output: names beginning `.outreach-` belong to outreach itself
/// (the render cache, the lock file, staging folders).
func reservedNameReason(_ path: String) -> String? {
    // Byte by byte, as the file system reads the path: a name whose bytes begin `.outreach-` is
    // reserved even where a combining mark after the `-` makes it another Swift Character.
    let prefix = reservedPrefix
    var matched = 0
    var atNameStart = true
    for byte in path.utf8 {
        if byte == UInt8(ascii: "/") {
            (matched, atNameStart) = (0, true)
        } else if atNameStart {
            if byte == prefix[matched] {
                matched += 1
                if matched == prefix.count { return "uses a name beginning '.outreach-', which outreach keeps for its own files" }
            } else {
                atNameStart = false
            }
        }
    }
    return nil
}

private let reservedPrefix = Array(".outreach-".utf8)

extension WriteSession {
    /// Takes the stamps of the outputs the cache describes, after the renames, so the next run can
    /// trust them without reading them. Rewritten only when a stamp changed; removed when the
    /// cache could not be saved (`cacheIsCurrent`, asked before the file is put in place), because
    /// a stamp vouches only for what the cache says. With `progress`, each output is stamped once
    /// the commit has put it in place, and the file is put in place only if every rename was made.
    static func saveState(_ outputs: StagedOutputs, cacheIsCurrent: () -> Bool, root: URL, staging: URL, after progress: RenameProgress?) {
        let target = root.appendingPathComponent(OutputState.fileName).path
        // Every output was trusted from its stamp: the state already says all there is to say.
        let records = outputs.records
        if records.allSatisfy({ !$0.flags.contains(.cached) || $0.flags.contains(.trustedByStamp) }) {
            if !cacheIsCurrent() { unlink(target) }
            return
        }
        // Written even when no stamp changed: a newer state file vouches for files it could not
        // vouch for before, those changed in the same clock tick as it was written.
        let staged = staging.appendingPathComponent("state").path
        for old in [target, nil] {
            unlink(staged)
            do {
                // The paths end early if the renames stop.
                var follower = progress.map(RenameProgress.Follower.init)
                var index = 0
                let paths = AnyIterator<[UInt8]> {
                    while index < records.count, !records[index].flags.contains(.cached) { index += 1 }
                    guard index < records.count, follower?.wait(for: index) ?? true else { return nil }
                    defer { index += 1 }
                    return outputs.pathBytes(records[index])
                }
                var writer = try BlockWriter(newFileAt: staged)
                var latestChange = Int64.min
                let merged = OutputState.write(stamping: paths, in: root, over: old, to: &writer) { latestChange = max(latestChange, $0.changed) }
                _ = try writer.finish()
                guard merged else { continue }
                guard progress?.succeeded() ?? true, cacheIsCurrent() else { break }
                // Newer than every stamp it holds, so that the next run trusts them all.
                OutputState.makeNewer(staged, than: latestChange)
                if rename(staged, target) == 0 { return }
            } catch {}
            break
        }
        unlink(target)
    }
}
