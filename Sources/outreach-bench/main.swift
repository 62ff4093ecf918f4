// outreach-bench: measures the whole pipeline on synthetic kits, beside the floor.
//
//   swift build -c release --product outreach-bench
//   .build/release/outreach-bench [--large] [--sizes 1000,10000] [--jobs N] [--scaling N] [--dir PATH]
//   .build/release/outreach-bench --materials N [--jobs N] [--dir PATH]     (one size; each run in a process of its own)
//   .build/release/outreach-bench --materials 1 --body-mb 10               (peak memory per input MB)
//   .build/release/outreach-bench --materials N --kit-only --dir PATH     (only the kit, to profile outreach on it)
//
// For each size N it starts itself on a kit of N materials × 3 formats (2 agencies
// and messages of a few KB each) and prints: wall and CPU time of a full run and of a
// no-op rerun, the peak resident memory of each (each run is a process of its own, as
// `outreach generate` is, so its peak is what `/usr/bin/time` would report), the
// cost per output, and beside them, in the same process, (a) a plain write of the
// same number of files of the same sizes (the floor) and (b) cmark parsing the same
// Markdown bytes. `--large` adds N = 100,000. `--scaling N` compares `--jobs 1`,
// `--jobs 2` and two independent `--jobs 1` processes at N, in `--rounds R` rounds (3), by median. `--dir` picks the
// scratch folder (default `.build/outreach-bench-kit`); a tmpfs there takes the disk
// out of the figures (see the README).
import Foundation
import OutreachKit

let arguments = BenchArguments(CommandLine.arguments)
if let manifest = arguments.runOnce {
    do {
        print(try await measureOneRun(manifest: manifest, jobs: arguments.jobs).line)
    } catch {
        FileHandle.standardError.write(Data("outreach-bench: \(error)\n".utf8))
        exit(1)
    }
} else if let materials = arguments.materials, arguments.kitOnly {
    do {
        let folder = URL(fileURLWithPath: arguments.folder)
        try SyntheticKit(settings: Settings(materials: materials, agencies: arguments.agencies, messages: arguments.messages,
                                            bodyMegabytes: arguments.bodyMegabytes)).write(to: folder)
        print("outreach-bench: wrote a kit of \(materials) materials to \(folder.appendingPathComponent("outreach.yml").path)")
    } catch {
        FileHandle.standardError.write(Data("outreach-bench: \(error)\n".utf8))
        exit(1)
    }
} else if let materials = arguments.materials {
    do {
        let result = try await measure(materials: materials, arguments: arguments)
        print(result.line)
        if arguments.bodyMegabytes > 0 {
            let perMB = (result.peakMiB - result.baselineMiB) / Double(arguments.bodyMegabytes)
            FileHandle.standardError.write(Data(String(
                format: "outreach-bench: peak %.0f MiB over a %.0f MiB baseline with a %d MB message body: %.1f MiB per input MB\n",
                result.peakMiB, result.baselineMiB, arguments.bodyMegabytes, perMB).utf8))
        }
    } catch let error as DiagnosticError {
        FileHandle.standardError.write(Data("outreach-bench: \(error.description)\n".utf8))
        exit(1)
    } catch {
        FileHandle.standardError.write(Data("outreach-bench: \(error)\n".utf8))
        exit(1)
    }
} else {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    print("outreach-bench: kits of N materials × 3 formats, \(arguments.agencies) agencies, \(arguments.messages) messages, "
          + "--jobs \(arguments.jobs.map(String.init) ?? "\(cores) (cores)"), in \(arguments.folder)")
    print(Measurement.header)
    var sizes = arguments.sizes
    if arguments.large { sizes.append(100_000) }
    for size in sizes {
        guard let result = runChild(materials: size, jobs: arguments.jobs) else { exit(1) }
        print(result.row)
    }
    if let size = arguments.scaling {
        // Rounds of the three runs in turn, so a slow spell of the machine falls on all three; medians reported.
        var rounds: [(one: Double, two: Double, pair: Double)] = []
        for _ in 0..<arguments.rounds {
            guard let one = runChild(materials: size, jobs: 1), let two = runChild(materials: size, jobs: 2) else { exit(1) }
            // Each of the two reports its own full run; they overlap, so the slower one is the pair's time.
            let pair = runChildren(materials: size, jobs: 1, count: 2)
            guard pair.count == 2 else { exit(1) }
            rounds.append((one.fullWall, two.fullWall, pair.map(\.fullWall).max() ?? 0))
        }
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        let one = median(rounds.map(\.one)), two = median(rounds.map(\.two)), pair = median(rounds.map(\.pair))
        let each = rounds.map { String(format: "%.2f×/%.2f×", $0.one / $0.two, 2 * $0.one / $0.pair) }.joined(separator: ", ")
        print(String(format: "scaling at %d, median of %d rounds: --jobs 1 %.2f s, --jobs 2 %.2f s = %.2f×; two independent --jobs 1 processes: %.2f s = %.2f× (what the machine gives); each round, --jobs 2 / machine: %@",
                     size, rounds.count, one, two, one / two, pair, 2 * one / pair, each))
    }
}
