/// Values looked up by output path, held as a sorted list of 64-bit hashes of the paths'
/// bytes: what a run keeps of the render cache and the output state while it renders.
///
/// A dictionary of 300,000 paths held each path as a string of its own and a table a third
/// empty, about 290 bytes an entry. Here an entry is its hash and its value. Two paths with
/// the same hash can give one path the other's value; a cache entry or a stamp only ever
/// confirms what is checked against it (a key that names the path, a file's inode), so such
/// a value is a miss, never a false hit.
///
/// Hashes and values are kept in two lists, and sorted by a permutation applied in place: sorting
/// the pairs took a scratch copy of half of them (18 MB for the cache of 300,000 outputs).
struct PathTable<Value: Sendable>: Sendable {
    private var hashes: [UInt64] = []
    private var values: [Value] = []
    private var sorted = true

    var isEmpty: Bool { hashes.isEmpty }
    var count: Int { hashes.count }

    /// Makes room for `count` values, so the lists are not copied as they grow.
    mutating func reserve(_ count: Int) {
        hashes.reserveCapacity(count)
        values.reserveCapacity(count)
    }

    /// Adds a value; call ``finish()`` before looking anything up.
    mutating func append(path bytes: UnsafeBufferPointer<UInt8>, _ value: Value) {
        let hash = Self.hash(bytes)
        if let last = hashes.last, last > hash { sorted = false }
        hashes.append(hash)
        values.append(value)
    }

    /// Sorts what was added, so lookups can search it.
    mutating func finish() {
        guard !sorted else { return }
        sorted = true
        // The place each sorted entry comes from, then each cycle of that permutation followed once.
        var order = Array(hashes.indices)
        hashes.withUnsafeBufferPointer { hashes in order.sort { hashes[$0] < hashes[$1] } }
        for start in order.indices where order[start] != start && order[start] >= 0 {
            let firstHash = hashes[start], firstValue = values[start]
            var current = start
            while true {
                let next = order[current]
                order[current] = -1
                if next == start {
                    hashes[current] = firstHash
                    values[current] = firstValue
                    break
                }
                hashes[current] = hashes[next]
                values[current] = values[next]
                current = next
            }
        }
    }

    /// The value added for `path`, or nil.
    subscript(path: String) -> Value? {
        var path = path
        let hash = path.withUTF8 { Self.hash($0) }
        var low = 0
        var high = hashes.count
        while low < high {
            let middle = (low + high) / 2
            if hashes[middle] < hash { low = middle + 1 } else { high = middle }
        }
        return low < hashes.count && hashes[low] == hash ? values[low] : nil
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }
}
