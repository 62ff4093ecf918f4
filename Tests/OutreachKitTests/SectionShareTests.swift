import Foundation
import Synchronization
import Testing
@testable import OutreachKit

/// What a shared section keeps for each context (``SectionShare``): a value per key, apart for
/// each kind of key even when two kinds' keys hold the same fields, bounded, and the same value
/// for every thread that asks.
@Suite struct SectionShareTests {
    private struct Width: SectionShareKey {
        typealias Value = String
        let width: Int
    }

    /// The same field as ``Width``, and a value of another type.
    private struct Level: SectionShareKey {
        typealias Value = [Int]
        let width: Int
    }

    private struct Empty: SectionShareKey {
        typealias Value = Int
    }

    @Test func eachKeyKeepsItsOwnValue() {
        let share = SectionShare()
        var made = 0
        for round in 0..<3 {
            for width in [40, 72, 100] {
                let text = share.value(for: Width(width: width)) { made += 1; return "text at \(width)" }
                #expect(text == "text at \(width)", "round \(round)")
                let levels = share.value(for: Level(width: width)) { made += 1; return [width, width + 1] }
                #expect(levels == [width, width + 1], "round \(round)")
            }
            #expect(share.value(for: Empty()) { made += 1; return 7 } == 7)
        }
        // Made once each: three widths of two kinds, and the empty key.
        #expect(made == 7)
    }

    /// Past the limit a kind starts over: its values are made again, and are still right.
    @Test func aKindPastItsLimitStartsOver() {
        let share = SectionShare()
        var made = 0
        let count = SectionShare.limit + 10
        for width in 0..<count {
            #expect(share.value(for: Width(width: width)) { made += 1; return "\(width)" } == "\(width)")
        }
        #expect(made == count)
        #expect(share.value(for: Empty()) { 1 } == 1)
        // The first ten widths went with the start over, the rest are kept.
        for width in 0..<count {
            #expect(share.value(for: Width(width: width)) { made += 1; return "\(width)" } == "\(width)")
        }
        #expect(made > count && made <= count + SectionShare.limit + 10)
        // The other kind was not touched.
        #expect(share.value(for: Empty()) { 2 } == 1)
    }

    /// Threads that ask at once all get the first value kept.
    @Test func threadsAskingAtOnceGetOneValue() {
        let share = SectionShare()
        let results = Mutex<[Int: Set<String>]>([:])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for width in 0..<32 {
                let value = share.value(for: Width(width: width)) { "\(width)/\(thread)" }
                results.withLock { _ = $0[width, default: []].insert(value) }
            }
        }
        let seen = results.withLock { $0 }
        #expect(seen.count == 32)
        for (width, values) in seen {
            #expect(values.count == 1, "width \(width): \(values.sorted())")
            #expect(values.first?.hasPrefix("\(width)/") == true)
        }
    }
}
