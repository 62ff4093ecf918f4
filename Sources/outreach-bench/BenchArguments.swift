import Foundation

/// The command line of outreach-bench.
struct BenchArguments {
    var materials: Int?
    var sizes = [1_000, 10_000]
    var large = false
    var scaling: Int?
    /// `--rounds R`: `--scaling` measures R rounds of its three runs, in turn, and reports the medians:
    /// on a shared machine one round's ratio moved between 1.34× and 1.68×.
    var rounds = 3
    var jobs: Int?
    var agencies = 40
    var messages = 30
    var folder = ".build/outreach-bench-kit"
    /// `--body-mb N`: the first message's body is N MB, and the report gives the peak per input MB.
    var bodyMegabytes = 0
    /// `--kit-only`: with `--materials N`, writes the synthetic kit into `--dir` and stops, to profile
    /// `outreach generate` on it (`perf record .build/release/outreach generate DIR/outreach.yml`).
    var kitOnly = false
    /// `--run-once MANIFEST`: one `generate` of that manifest, measured; how the bench runs each run in a process of its own.
    var runOnce: String?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            if flag == "--large" { large = true; continue }
            if flag == "--kit-only" { kitOnly = true; continue }
            guard let value = iterator.next() else { Self.usage("'\(flag)' needs a value") }
            switch flag {
            case "--dir": folder = value
            case "--sizes":
                sizes = value.split(separator: ",").compactMap { Int($0) }
                if sizes.isEmpty || sizes.contains(where: { $0 < 1 }) { Self.usage("--sizes takes numbers such as 1000,10000") }
            case "--materials": materials = Self.number(flag, value)
            case "--scaling": scaling = Self.number(flag, value)
            case "--jobs": jobs = Self.number(flag, value)
            case "--rounds": rounds = Self.number(flag, value)
            case "--agencies": agencies = Self.number(flag, value)
            case "--messages": messages = Self.number(flag, value)
            case "--body-mb": bodyMegabytes = Self.number(flag, value)
            case "--run-once": runOnce = value
            default: Self.usage("unknown option '\(flag)'")
            }
        }
    }

    /// The options a child process for one size gets.
    func childArguments(materials: Int, jobs: Int?) -> [String] {
        var list = ["--materials", "\(materials)", "--dir", folder, "--agencies", "\(agencies)", "--messages", "\(messages)"]
        if let jobs { list += ["--jobs", "\(jobs)"] }
        if bodyMegabytes > 0 { list += ["--body-mb", "\(bodyMegabytes)"] }
        return list
    }

    private static func number(_ flag: String, _ value: String) -> Int {
        guard let number = Int(value), number > 0 else { usage("\(flag) takes a whole number above 0, not '\(value)'") }
        return number
    }

    private static func usage(_ problem: String) -> Never {
        FileHandle.standardError.write(Data("""
            outreach-bench: \(problem)
            usage: outreach-bench [--large] [--sizes 1000,10000] [--jobs N] [--scaling N [--rounds R]] [--dir PATH] [--agencies N] [--messages N]
                   outreach-bench --materials N [--jobs N] [--dir PATH] [--agencies N] [--messages N]
                   outreach-bench --materials N --kit-only --dir PATH     (only write the kit, to profile it)

            """.utf8))
        exit(2)
    }
}
