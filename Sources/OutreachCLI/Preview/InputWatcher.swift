#if Preview
import Foundation

/// Notices when any input of a manifest changed, by comparing the size and
/// modification time of every file under its folders (polling works the same
/// on every platform and filesystem, and a campaign has few files).
struct InputWatcher: Sendable {
    /// The folders and files to watch.
    var roots: [URL]
    /// Folders never looked into: the output folder (the preview writes there).
    var excluded: [URL]
    /// A bound on the files looked at, so a manifest at the top of a huge tree stays cheap.
    var limit = 20_000

    /// What the inputs look like now: each file's path, size and modification time.
    func snapshot() -> [String: String] {
        var files: [String: String] = [:]
        let excludedPaths = excluded.map { $0.standardizedFileURL.path }
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
        for root in roots {
            let fileManager = FileManager.default
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: root.path, isDirectory: &isDirectory) else { continue }
            let candidates: [URL]
            if isDirectory.boolValue {
                guard let walker = fileManager.enumerator(at: root, includingPropertiesForKeys: keys,
                                                          options: [.skipsHiddenFiles]) else { continue }
                var found: [URL] = []
                for case let url as URL in walker {
                    let path = url.standardizedFileURL.path
                    if excludedPaths.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) || url.lastPathComponent.hasPrefix(".build") {
                        walker.skipDescendants()
                        continue
                    }
                    found.append(url)
                    if found.count + files.count >= limit { break }
                }
                candidates = found
            } else {
                candidates = [root]
            }
            for url in candidates {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                let time = values.contentModificationDate?.timeIntervalSince1970 ?? 0
                files[url.standardizedFileURL.path] = "\(values.fileSize ?? 0) \(time)"
            }
        }
        return files
    }
}
#endif
