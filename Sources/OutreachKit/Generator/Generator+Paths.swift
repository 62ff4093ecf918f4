import Foundation

/// The check of every output's path, before anything is written.
extension Generator {
    /// Checks the paths of a run's pages and assets without a list of them: the pages hold them.
    /// A function of its own, so the list of pages it makes is let go before the pages are rendered.
    func checkPaths(of run: Prepared) {
        let pages = run.pages, assets = run.assets
        var starts = [0]
        starts.reserveCapacity(pages.count + 1)
        for index in 0..<pages.count { starts.append(starts[starts.count - 1] + (pages[index]?.renderers.count ?? 0)) }
        // In order: each page's paths, then the assets.
        let inOrder = sequence(state: (page: 0, slot: 0, asset: 0)) { place -> (path: String, material: String)? in
            while place.page < pages.count {
                if let page = pages[place.page], place.slot < page.renderers.count {
                    defer { place.slot += 1 }
                    return (page.path(at: place.slot), page.material.id)
                }
                place = (place.page + 1, 0, 0)
            }
            guard place.asset < assets.count else { return nil }
            defer { place.asset += 1 }
            return (assets[place.asset].path, assets[place.asset].material)
        }
        // An output by its place in that order: the last page that starts at or before it (a page with
        // no outputs starts where the next one does), or an asset.
        func pathAndMaterial(at ordinal: Int) -> (path: String, material: String) {
            let total = starts[pages.count]
            guard ordinal < total else { return (assets[ordinal - total].path, assets[ordinal - total].material) }
            var low = 0, high = pages.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= ordinal { low = middle } else { high = middle - 1 }
            }
            // The page found has the output, so it has outputs: it is planned, not taken.
            guard let page = pages[low] else { return ("", "") }
            return (page.path(at: ordinal - starts[low]), page.material.id)
        }
        checkPaths(inOrder, count: starts[pages.count] + assets.count, lookup: pathAndMaterial(at:),
                   manifest: run.manifest, sink: run.sink)
    }

    /// Checks every output's path before anything is written: it stays in the output folder, uses no
    /// reserved name, and no other output has it. Errors come in the outputs' order.
    ///
    /// Paths are the same only when their bytes are, as the file system sees them. The check keeps a
    /// 64-bit hash of each path, not the path: only outputs whose hashes meet are looked up again, by
    /// `lookup` (an output's path and material by its place in `outputs`).
    func checkPaths<Outputs: Sequence>(
        _ outputs: Outputs, count: Int, lookup: (Int) -> (path: String, material: String), manifest: Manifest, sink: DiagnosticSink
    ) where Outputs.Element == (path: String, material: String) {
        var found: [(ordinal: Int, report: () -> Void)] = []
        // Each output as one word: the high bits of its path's hash, then its ordinal in the low bits,
        // so sorting the words groups outputs whose hashes meet, each group in output order. Fewer
        // bits of hash only make more groups to look up again; the words take half the room of pairs.
        let ordinalBits = max(1, Int.bitWidth - max(count, 1).leadingZeroBitCount)
        let ordinalMask: UInt64 = ordinalBits >= 64 ? .max : (1 << UInt64(ordinalBits)) - 1
        var hashes: [UInt64] = []
        hashes.reserveCapacity(count)
        for (ordinal, output) in outputs.enumerated() {
            if let reason = escapeReason(output.path) {
                found.append((ordinal, {
                    sink.error(.outputPathEscapes, "output path \(quoted(output.path)) of material \(quoted(output.material)) \(reason)", at: nil)
                }))
            } else if let reason = reservedNameReason(output.path) {
                found.append((ordinal, {
                    let material = manifest.materials.first { $0.id == output.material }
                    sink.error(.reservedOutputName, "output path \(quoted(output.path)) of material \(quoted(output.material)) \(reason)",
                               at: material?.location("output"), hint: "change the material's 'output' pattern")
                }))
            } else {
                var hasher = Hasher()
                var path = output.path
                path.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                precondition(UInt64(ordinal) <= ordinalMask, "more outputs than counted")
                hashes.append(UInt64(bitPattern: Int64(hasher.finalize())) & ~ordinalMask | UInt64(ordinal))
            }
        }
        hashes.sort()
        var start = 0
        while start < hashes.count {
            var end = start + 1
            while end < hashes.count, hashes[end] & ~ordinalMask == hashes[start] & ~ordinalMask { end += 1 }
            // The first output with a path owns it; each later one is an error.
            var owners: [(path: [UInt8], material: String)] = []
            for index in start..<end where end - start > 1 {
                let ordinal = Int(hashes[index] & ordinalMask)
                let output = lookup(ordinal)
                let bytes = Array(output.path.utf8)
                if let owner = owners.first(where: { $0.path == bytes }) {
                    found.append((ordinal, {
                        sink.error(.outputPathConflict, "materials \(quoted(owner.material)) and \(quoted(output.material)) both write \(quoted(output.path))",
                                   at: nil, hint: "give one of them its own 'output' pattern")
                    }))
                } else {
                    owners.append((bytes, output.material))
                }
            }
            start = end
        }
        for (_, report) in found.sorted(by: { $0.ordinal < $1.ordinal }) { report() }
    }
}

extension Manifest {
    /// A path from the manifest, resolved against the manifest's folder.
    func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseFolder.appendingPathComponent(path)
    }

    /// A path from the manifest as it should appear in messages: next to the manifest file.
    func relative(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = (file as NSString).deletingLastPathComponent
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return folder.isEmpty ? trimmed : folder + "/" + trimmed
    }
}
