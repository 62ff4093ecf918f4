import Foundation

/// Reads a material's key locations again from the manifest file, so a run need not hold them.
///
/// Where each key of 100,000 materials was written took 14 MB while a run planned and rendered, and
/// it is only read to report a problem. A material read from a file keeps where it starts instead
/// (``Place``: 24 bytes in the material, nothing allocated); a diagnostic that asks for one of its
/// keys reads that material again, from where its line starts, with the same reading that gave the
/// locations the first time (``ManifestLoader/material(_:sink:lists:)``).
///
/// Only a file whose text is its bytes (``InputText/plainText(_:)``) is read again, so an offset
/// in the parsed text is one in the file. When the file opened is not the one the run read (its
/// inode, size or times differ), nothing is read: each key is then where its material starts.
final class MaterialRereader: Sendable {
    /// Where a material starts in the manifest.
    struct Place: Sendable, Equatable {
        let rereader: MaterialRereader
        /// The byte offset where the line of the material's first key starts.
        let offset: Int
        private let line: Int32
        private let column: Int32

        init(rereader: MaterialRereader, offset: Int, start: SourceLocation) {
            self.rereader = rereader
            self.offset = offset
            line = Int32(clamping: start.line)
            column = Int32(clamping: start.column)
        }

        /// Where the material's mapping starts: its `material` location.
        var start: SourceLocation { SourceLocation(file: rereader.file, line: Int(line), column: Int(column)) }

        static func == (lhs: Place, rhs: Place) -> Bool {
            lhs.rereader === rhs.rereader && lhs.offset == rhs.offset && lhs.line == rhs.line && lhs.column == rhs.column
        }
    }

    /// The manifest's path on disk.
    let path: String
    /// The manifest as diagnostics name it.
    let file: String
    /// The file as it was when the run read it.
    let stamp: OutputState.Stamp

    init(path: String, file: String, stamp: OutputState.Stamp) {
        self.path = path
        self.file = file
        self.stamp = stamp
    }

    /// The locations of the material at `place`, as they were when the manifest was read; nil when
    /// the file has changed since, or the material cannot be read there.
    func locations(of place: Place) -> KeyLocations? {
        // Without waiting, should a pipe have taken the file's place since; then only the file the run read.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard OutputState.Stamp.of(descriptor: descriptor) == stamp else { return nil }
        guard let node = YAMLComposer.composeItem(readingFrom: descriptor, at: place.offset) else { return nil }
        // Line 1 of what was read again is the material's first line.
        let start = place.start
        let value = YAMLValue(node: node, file: file, sink: DiagnosticSink(), lineOffset: start.line - 1)
        var lists = ManifestLoader.ListMemo()
        guard let material = ManifestLoader().material(value, sink: value.sink, lists: &lists),
              material.locations["material"] == start else { return nil }
        return material.locations
    }
}
