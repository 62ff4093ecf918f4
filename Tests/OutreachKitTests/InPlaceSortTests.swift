import Testing
@testable import OutreachKit

/// The sort of a run's staged records, which needs no room beside them: the order the standard
/// library's sort gives, for every length and every shape of input, by quicksort and by heapsort.
@Suite struct InPlaceSortTests {
    private static func sorted(_ values: [Int], depthLimit: Int? = nil) -> [Int] {
        var values = values
        values.withUnsafeMutableBufferPointer { buffer in
            if let depthLimit { InPlaceSort.sort(buffer, depthLimit: depthLimit, by: <) } else { InPlaceSort.sort(buffer, by: <) }
        }
        return values
    }

    @Test func everyShapeOfInputIsSortedAsTheStandardSortSortsIt() {
        var state: UInt64 = 99
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % max(1, bound)
        }
        var inputs: [[Int]] = (0..<40).map { count in (0..<count).map { _ in next(10) } }
        for count in [17, 18, 33, 100, 1_000, 20_000] {
            inputs.append((0..<count).map { _ in next(count) })            // random
            inputs.append((0..<count).map { _ in next(3) })                // many equal
            inputs.append(Array(0..<count))                               // sorted
            inputs.append((0..<count).reversed())                         // reversed
            inputs.append(Array(repeating: 7, count: count))              // all equal
            inputs.append((0..<count).map { min($0, count - $0) })        // organ pipe
            inputs.append((0..<count).map { $0 % 2 == 0 ? $0 : count - $0 }) // sawtooth
        }
        for input in inputs {
            #expect(Self.sorted(input) == input.sorted(), "\(input.count) \(input.prefix(12))")
            // With no depth for quicksort, every range is sorted by heap.
            #expect(Self.sorted(input, depthLimit: 0) == input.sorted(), "heap \(input.count)")
            #expect(Self.sorted(input, depthLimit: 1) == input.sorted(), "one level \(input.count)")
        }
    }

    /// Records of a run, by their paths' bytes: the standard sort's order, and the same record fields.
    @Test func stagedRecordsOfEqualPathPrefixesSortByTheirBytes() {
        var outputs = StagedOutputs()
        var paths: [String] = []
        for index in 0..<5_000 {
            let path = "es/partners/p-\(index % 97)/\(index % 5 == 0 ? "é" : "e")-\(index * 7_919 % 5_000).html"
            paths.append(path)
            outputs.append(PlannedOutput(path: path, format: "html", material: "m\(index)", contents: .init()), stagedName: UInt32(index), line: nil)
        }
        #expect(outputs.sort() == nil)
        let expected = paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(outputs.records.map(outputs.path) == expected)
        for record in outputs.records { #expect(paths[Int(record.stagedName)] == outputs.path(record)) }
    }
}
