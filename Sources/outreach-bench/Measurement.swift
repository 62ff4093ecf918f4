import Foundation
import OutreachKit

/// The size of a synthetic kit.
struct Settings {
    var materials: Int
    var agencies: Int
    var messages: Int
    /// When above 0, the first message's body is this many MB of ordinary Markdown.
    var bodyMegabytes = 0
}

/// What one size measured, passed from the child process to the driver as one `key=value` line.
struct Measurement {
    /// What the full run's process held just before the run: the program itself.
    var baselineMiB = 0.0
    var materials = 0
    var outputs = 0
    var fullWall = 0.0
    var fullCPU = 0.0
    var rerunWall = 0.0
    var rerunCPU = 0.0
    var rerunWritten = 0
    /// The larger of the two runs' peaks; each run is a process of its own.
    var peakMiB = 0.0
    var fullPeakMiB = 0.0
    var rerunPeakMiB = 0.0
    var floorWall = 0.0
    var cmarkWall = 0.0
    var megabytes = 0.0

    static let keys = ["materials", "outputs", "fullWall", "fullCPU", "rerunWall", "rerunCPU", "rerunWritten",
                       "peakMiB", "fullPeakMiB", "rerunPeakMiB", "baselineMiB", "floorWall", "cmarkWall", "megabytes"]

    var values: [Double] {
        [Double(materials), Double(outputs), fullWall, fullCPU, rerunWall, rerunCPU, Double(rerunWritten),
         peakMiB, fullPeakMiB, rerunPeakMiB, baselineMiB, floorWall, cmarkWall, megabytes]
    }

    var line: String {
        "RESULT " + zip(Self.keys, values).map { "\($0)=\($1)" }.joined(separator: " ")
    }

    init() {}

    init?(line: String) {
        guard let table = fields(of: line, after: "RESULT ", keys: Self.keys) else { return nil }
        materials = Int(table["materials"] ?? 0)
        outputs = Int(table["outputs"] ?? 0)
        fullWall = table["fullWall"] ?? 0
        fullCPU = table["fullCPU"] ?? 0
        rerunWall = table["rerunWall"] ?? 0
        rerunCPU = table["rerunCPU"] ?? 0
        rerunWritten = Int(table["rerunWritten"] ?? 0)
        peakMiB = table["peakMiB"] ?? 0
        fullPeakMiB = table["fullPeakMiB"] ?? 0
        rerunPeakMiB = table["rerunPeakMiB"] ?? 0
        baselineMiB = table["baselineMiB"] ?? 0
        floorWall = table["floorWall"] ?? 0
        cmarkWall = table["cmarkWall"] ?? 0
        megabytes = table["megabytes"] ?? 0
    }

    static let header = """
             N  outputs     MB | full: wall s  cpu s  µs/output | rerun: wall s  cpu s  % of full | peak MiB: full  rerun | floor s  full/floor | cmark s
        """

    var row: String {
        String(format: "%6d %8d %6.1f | %12.2f %6.2f %10.1f | %13.3f %6.2f %9.1f%% | %14.1f %6.1f | %7.2f %10.1f× | %7.2f",
               materials, outputs, megabytes, fullWall, fullCPU, 1e6 * fullWall / Double(max(outputs, 1)),
               rerunWall, rerunCPU, 100 * rerunWall / fullWall, fullPeakMiB, rerunPeakMiB, floorWall, fullWall / floorWall, cmarkWall)
    }
}

/// User plus system CPU seconds of this process so far, and its peak resident memory in MiB.
func processUsage() -> (cpu: Double, peakMiB: Double) {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    #if os(Linux)
    return (cpu, Double(usage.ru_maxrss) / 1024) // kilobytes on Linux
    #else
    return (cpu, Double(usage.ru_maxrss) / 1_048_576) // bytes on macOS
    #endif
}

/// A `kB` figure of `/proc/self/status`, in MiB.
func statusMiB(_ field: String) -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
          let kilobytes = Double(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces).dropLast(3)) else { return nil }
    return kilobytes / 1024
}

/// Seconds since an arbitrary start.
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// Measures one size: a full run and a no-op rerun, each in a process of its own, then the plain-write floor and cmark here.
func measure(materials: Int, arguments: BenchArguments) async throws -> Measurement {
    // Not the system temporary folder: on a long-lived machine its file system can be
    // slow to create files in, which would measure the disk's history, not outreach.
    let root = URL(fileURLWithPath: arguments.folder).appendingPathComponent("run-\(ProcessInfo.processInfo.processIdentifier)")
    defer { try? FileManager.default.removeItem(at: root) }
    try SyntheticKit(settings: Settings(materials: materials, agencies: arguments.agencies, messages: arguments.messages,
                                        bodyMegabytes: arguments.bodyMegabytes)).write(to: root)
    let manifest = root.appendingPathComponent("outreach.yml")

    var result = Measurement()
    result.materials = materials
    // Each run in a process of its own, as `outreach generate` runs: its peak is that process's,
    // not raised by what an earlier run in the same process left behind.
    let full = try runOnce(manifest: manifest, jobs: arguments.jobs)
    let rerun = try runOnce(manifest: manifest, jobs: arguments.jobs)
    // Read before the floor and cmark, which are not outreach's memory.
    (result.fullPeakMiB, result.rerunPeakMiB) = (full.peak, rerun.peak)
    result.peakMiB = max(full.peak, rerun.peak)
    result.baselineMiB = full.baseline
    // The outputs' paths and sizes, for the floor and cmark, from the output folder once both runs are done.
    let files = outputFiles(in: root.appendingPathComponent("out"))
    guard files.count == full.files else {
        throw BenchError("the output folder holds \(files.count) files, and the run made \(full.files)")
    }
    result.outputs = full.files
    (result.fullWall, result.fullCPU) = (full.wall, full.cpu)
    (result.rerunWall, result.rerunCPU) = (rerun.wall, rerun.cpu)
    result.rerunWritten = rerun.written
    result.megabytes = Double(files.reduce(0) { $0 + $1.size }) / 1e6

    result.floorWall = try plainWrite(files, into: root.appendingPathComponent("floor"))
    result.cmarkWall = parseMarkdown(files.map(\.path).filter { $0.hasSuffix(".md") }, in: root.appendingPathComponent("out"))
    return result
}

/// One run: what `--run-once` measured in a child process.
struct OneRun {
    var wall = 0.0
    var cpu = 0.0
    var files = 0
    var written = 0
    /// The child's resident memory just before the run, and its peak over its whole life.
    var baseline = 0.0
    var peak = 0.0

    static let keys = ["wall", "cpu", "files", "written", "baseline", "peak"]

    var line: String {
        "RUN " + zip(Self.keys, [wall, cpu, Double(files), Double(written), baseline, peak]).map { "\($0)=\($1)" }.joined(separator: " ")
    }

    init() {}

    init?(line: String) {
        guard let table = fields(of: line, after: "RUN ", keys: Self.keys) else { return nil }
        (wall, cpu, baseline, peak) = (table["wall"] ?? 0, table["cpu"] ?? 0, table["baseline"] ?? 0, table["peak"] ?? 0)
        (files, written) = (Int(table["files"] ?? 0), Int(table["written"] ?? 0))
    }
}

/// The `key=value` numbers of a line that starts with `prefix`; nil unless it has every one of `keys`.
private func fields(of line: String, after prefix: String, keys: [String]) -> [String: Double]? {
    guard line.hasPrefix(prefix) else { return nil }
    var table: [String: Double] = [:]
    for pair in line.dropFirst(prefix.count).split(separator: " ") {
        let parts = pair.split(separator: "=")
        if parts.count == 2 { table[String(parts[0])] = Double(parts[1]) }
    }
    return keys.allSatisfy({ table[$0] != nil }) ? table : nil
}

/// `--run-once MANIFEST`: one `generate` in this process, measured: wall and CPU time of the run,
/// the resident memory before it and the process's peak (`VmHWM`, what `/usr/bin/time` reports).
func measureOneRun(manifest: String, jobs: Int?) async throws -> OneRun {
    var generator = Generator(environment: [:])
    if let jobs { generator.jobs = jobs }
    var run = OneRun()
    run.baseline = statusMiB("VmRSS") ?? 0
    let (start, cpu) = (now(), processUsage().cpu)
    let (_, results) = try await generator.generate(manifest: URL(fileURLWithPath: manifest), displayPath: "outreach.yml")
    (run.wall, run.cpu) = (now() - start, processUsage().cpu - cpu)
    // The peak first: the counting below is the bench's, not outreach's. It makes each result as
    // it reads it and lets it go (a filtered list of 300,000 results would be about 100 MiB).
    run.peak = statusMiB("VmHWM") ?? processUsage().peakMiB
    run.files = results.count
    run.written = results.reduce(0) { $0 + ($1.1 == .written ? 1 : 0) }
    return run
}

/// Runs `--run-once` in a child process and returns what it measured.
func runOnce(manifest: URL, jobs: Int?) throws -> OneRun {
    let process = Process()
    process.executableURL = ownExecutable
    process.arguments = ["--run-once", manifest.path] + (jobs.map { ["--jobs", "\($0)"] } ?? [])
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0, let run = output.split(separator: "\n").compactMap({ OneRun(line: String($0)) }).first else {
        throw BenchError("a run of \(manifest.path) failed (exit status \(process.terminationStatus))")
    }
    return run
}

/// This program, to start again as a child.
var ownExecutable: URL {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return FileManager.default.fileExists(atPath: executable.path) ? executable : URL(fileURLWithPath: CommandLine.arguments[0])
}

/// Every file in the output folder but outreach's own (`.outreach-*`), with its size, sorted by path.
func outputFiles(in folder: URL) -> [(path: String, size: Int)] {
    var files: [(path: String, size: Int)] = []
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
    while let path = walker.nextObject() as? String {
        guard !(path as NSString).lastPathComponent.hasPrefix(".outreach-"),
              walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular,
              let size = walker.fileAttributes?[.size] as? Int else { continue }
        files.append((path, size))
    }
    return files.sorted { $0.path < $1.path }
}

/// A failure of the bench itself.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The floor: the same number of files of the same sizes, written with open, write and close, no fsync.
func plainWrite(_ files: [(path: String, size: Int)], into folder: URL) throws -> Double {
    let largest = files.map(\.size).max() ?? 0
    let bytes = [UInt8](repeating: 0x61, count: largest)
    let start = now()
    var folders: Set<String> = []
    for (path, size) in files {
        let target = folder.appendingPathComponent(path)
        let parent = target.deletingLastPathComponent().path
        if folders.insert(parent).inserted { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
        let descriptor = open(target.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, size) }
        close(descriptor)
    }
    return now() - start
}

/// cmark over the same Markdown bytes: every Markdown output parsed into a tree; only the parsing is timed.
func parseMarkdown(_ paths: [String], in folder: URL) -> Double {
    var seconds = 0.0
    var blocks = 0
    for path in paths {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else { continue }
        let text = String(decoding: data, as: UTF8.self)
        let start = now()
        blocks += CommonMark.parse(text).count
        seconds += now() - start
    }
    if blocks < 0 { print(blocks) } // keeps the parse from being optimized away
    return seconds
}

/// Runs this program for one size in a child process, so each size's peak memory is its own.
func runChild(materials: Int, jobs: Int?) -> Measurement? {
    runChildren(materials: materials, jobs: jobs, count: 1).first
}

/// Runs `count` children for one size at once and returns what each measured.
func runChildren(materials: Int, jobs: Int?, count: Int) -> [Measurement] {
    let processes = (0..<count).map { _ -> (Process, Pipe) in
        let process = Process()
        process.executableURL = ownExecutable
        process.arguments = arguments.childArguments(materials: materials, jobs: jobs)
        let pipe = Pipe()
        process.standardOutput = pipe
        return (process, pipe)
    }
    for (process, _) in processes {
        do { try process.run() } catch {
            FileHandle.standardError.write(Data("outreach-bench: cannot start a child: \(error)\n".utf8))
            return []
        }
    }
    var results: [Measurement] = []
    for (process, pipe) in processes {
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let result = output.split(separator: "\n").compactMap({ Measurement(line: String($0)) }).first else {
            FileHandle.standardError.write(Data("outreach-bench: the run of \(materials) materials failed\n".utf8))
            return []
        }
        results.append(result)
    }
    return results
}
