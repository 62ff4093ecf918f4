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
    /// What the process held just before the full run: the bench itself and what making the kit left.
    var baselineMiB = 0.0
    var materials = 0
    var outputs = 0
    var fullWall = 0.0
    var fullCPU = 0.0
    var rerunWall = 0.0
    var rerunCPU = 0.0
    var rerunWritten = 0
    /// The larger of the two runs' peaks; each run's peak counts from its own start.
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
        guard line.hasPrefix("RESULT ") else { return nil }
        var table: [String: Double] = [:]
        for pair in line.dropFirst(7).split(separator: " ") {
            let parts = pair.split(separator: "=")
            if parts.count == 2 { table[String(parts[0])] = Double(parts[1]) }
        }
        guard Self.keys.allSatisfy({ table[$0] != nil }) else { return nil }
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

/// Starts a new peak: memory freed so far is given back to the system, and on Linux the kernel's
/// record of the peak resident memory (`VmHWM`) is reset to what is resident now. Returns the
/// resident memory now in MiB, or nil where the peak cannot be reset (then ``peakSinceReset()``
/// is the process's peak so far).
func resetPeak() -> Double? {
    FreedMemory.giveBack()
    guard let file = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return nil }
    defer { try? file.close() }
    do { try file.write(contentsOf: Data("5".utf8)) } catch { return nil }
    return statusMiB("VmRSS")
}

/// The peak resident memory since ``resetPeak()``, in MiB.
func peakSinceReset() -> Double {
    statusMiB("VmHWM") ?? processUsage().peakMiB
}

/// A `kB` figure of `/proc/self/status`, in MiB.
private func statusMiB(_ field: String) -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
          let kilobytes = Double(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces).dropLast(3)) else { return nil }
    return kilobytes / 1024
}

/// Seconds since an arbitrary start.
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// Measures one size in this process: a full run, a no-op rerun, the plain-write floor and cmark.
func measure(materials: Int, arguments: BenchArguments) async throws -> Measurement {
    // Not the system temporary folder: on a long-lived machine its file system can be
    // slow to create files in, which would measure the disk's history, not outreach.
    let root = URL(fileURLWithPath: arguments.folder).appendingPathComponent("run-\(ProcessInfo.processInfo.processIdentifier)")
    defer { try? FileManager.default.removeItem(at: root) }
    try SyntheticKit(settings: Settings(materials: materials, agencies: arguments.agencies, messages: arguments.messages,
                                        bodyMegabytes: arguments.bodyMegabytes)).write(to: root)
    let manifest = root.appendingPathComponent("outreach.yml")
    var generator = Generator(environment: [:])
    if let jobs = arguments.jobs { generator.jobs = jobs }

    var result = Measurement()
    result.materials = materials
    // Each run's outputs are let go at once, keeping only their count, so the rerun's peak is not
    // raised by the first run's list. Each run's peak counts from its own start, as if it ran in a
    // process of its own, over what the bench holds then (``Measurement/baselineMiB``).
    func run() async throws -> (wall: Double, cpu: Double, files: Int, written: Int, baseline: Double, peak: Double) {
        let baseline = resetPeak() ?? processUsage().peakMiB
        let (start, cpu) = (now(), processUsage().cpu)
        let (_, results) = try await generator.generate(manifest: manifest, displayPath: "outreach.yml")
        let (wall, used) = (now() - start, processUsage().cpu - cpu)
        let peak = peakSinceReset()
        return (wall, used, results.count, results.filter { $0.1 == .written }.count, baseline, peak)
    }
    let full = try await run()
    let rerun = try await run()
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
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    let processes = (0..<count).map { _ -> (Process, Pipe) in
        let process = Process()
        process.executableURL = FileManager.default.fileExists(atPath: executable.path)
            ? executable : URL(fileURLWithPath: CommandLine.arguments[0])
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
