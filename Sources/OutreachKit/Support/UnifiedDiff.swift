import Foundation

/// A short unified diff between two versions of a text file.
enum UnifiedDiff {
    /// Lines of context around each change.
    static let context = 3
    /// At most this many diff lines are shown; the rest are counted.
    static let limit = 40
    /// Above this many lines on both sides together the diff is summarized rather
    /// than computed: the work grows with the square of the lines that differ,
    /// which can be all of them.
    static let maximumLines = 4_000

    /// The diff from `old` to `new`, or nil when either is not UTF-8 text.
    static func text(old: Data, new: Data, path: String) -> String? {
        guard let oldText = String(data: old, encoding: .utf8), let newText = String(data: new, encoding: .utf8) else {
            return nil
        }
        let a = oldText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = newText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lines = ["--- \(path) (on disk)", "+++ \(path) (generated)"]
        guard a.count + b.count <= maximumLines else {
            return (lines + ["@@ \(a.count) lines on disk, \(b.count) generated; too long to compare line by line @@"])
                .joined(separator: "\n")
        }
        let edits = script(a, b)
        var shown = 0
        var hidden = 0
        for hunk in hunks(edits) {
            let header = "@@ -\(hunk.oldStart + 1),\(hunk.oldCount) +\(hunk.newStart + 1),\(hunk.newCount) @@"
            for line in [header] + hunk.lines {
                if shown < limit { lines.append(line); shown += 1 } else { hidden += 1 }
            }
        }
        if hidden > 0 { lines.append("… \(hidden) more diff lines") }
        return lines.joined(separator: "\n")
    }

    private enum Edit { case same(String), removed(String), added(String) }

    /// The shortest edit script, from the standard library's `CollectionDifference`
    /// (Myers' algorithm): removed lines come before the added lines that replace them.
    private static func script(_ a: [String], _ b: [String]) -> [Edit] {
        var removed = Set<Int>(), added = Set<Int>()
        for change in b.difference(from: a) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): added.insert(offset)
            }
        }
        var edits: [Edit] = []
        edits.reserveCapacity(a.count + added.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) { edits.append(.removed(a[i])); i += 1 }
            else if j < b.count, added.contains(j) { edits.append(.added(b[j])); j += 1 }
            else { edits.append(.same(a[i])); i += 1; j += 1 }
        }
        return edits
    }

    private struct Hunk {
        var oldStart = 0, oldCount = 0, newStart = 0, newCount = 0
        var lines: [String] = []
    }

    /// Changes grouped with `context` unchanged lines around them.
    private static func hunks(_ edits: [Edit]) -> [Hunk] {
        let changed = edits.indices.filter { if case .same = edits[$0] { false } else { true } }
        guard !changed.isEmpty else { return [] }
        var ranges: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(edits.count - 1, index + context)
            if let last = ranges.last, range.lowerBound <= last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                ranges.append(range)
            }
        }
        // Line numbers before each edit.
        var oldLine = [Int](), newLine = [Int]()
        var o = 0, n = 0
        for edit in edits {
            oldLine.append(o)
            newLine.append(n)
            switch edit {
            case .same: o += 1; n += 1
            case .removed: o += 1
            case .added: n += 1
            }
        }
        return ranges.map { range in
            var hunk = Hunk(oldStart: oldLine[range.lowerBound], newStart: newLine[range.lowerBound])
            for index in range {
                switch edits[index] {
                case .same(let line): hunk.lines.append(" " + line); hunk.oldCount += 1; hunk.newCount += 1
                case .removed(let line): hunk.lines.append("-" + line); hunk.oldCount += 1
                case .added(let line): hunk.lines.append("+" + line); hunk.newCount += 1
                }
            }
            return hunk
        }
    }
}
