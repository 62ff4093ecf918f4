/// Values looked up by output path, held as a sorted list of 64-bit hashes of the paths'
/// bytes: what a run keeps of the render cache and the output state while it renders.
///
/// A dictionary of 300,000 paths held each path as a string of its own and a table a third
/// empty, about 290 bytes an entry. Here an entry is its hash and its value. Two paths with
/// the same hash can give one path the other's value; a cache entry or a stamp only ever
/// confirms what is checked against it (a key that names the path, a file's inode), so such
/// a value is a miss, never a false hit.
struct PathTable<Value: Sendable>: Sendable {
    private var items: [(hash: UInt64, value: Value)] = []
    private var sorted = true

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }

    /// Makes room for `count` values, so the list is not copied as it grows.
    mutating func reserve(_ count: Int) {
        items.reserveCapacity(count)
    }

    /// Adds a value; call ``finish()`` before looking anything up.
    mutating func append(path bytes: UnsafeBufferPointer<UInt8>, _ value: Value) {
        let hash = Self.hash(bytes)
        if let last = items.last, last.hash > hash { sorted = false }
        items.append((hash, value))
    }

    /// Sorts what was added, so lookups can search it.
    mutating func finish() {
        if !sorted { items.sort { $0.hash < $1.hash } }
        sorted = true
    }

    /// The value added for `path`, or nil.
    subscript(path: String) -> Value? {
        var path = path
        let hash = path.withUTF8 { Self.hash($0) }
        var low = 0
        var high = items.count
        while low < high {
            let middle = (low + high) / 2
            if items[middle].hash < hash { low = middle + 1 } else { high = middle }
        }
        return low < items.count && items[low].hash == hash ? items[low].value : nil
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }
}
