import Foundation
import OutreachKit

/// libFuzzer targets for outreach's loaders; see `Scripts/fuzz`.
///
/// `OUTREACH_FUZZ_TARGET=NAME outreach-fuzz [libFuzzer arguments]`, built by
/// `Scripts/fuzz` with `OUTREACH_FUZZ=1` (sanitizers, see Package.swift). In the
/// normal build it only says how to build it, so it costs the suite nothing.
@main
enum OutreachFuzz {
    static func main() {
        #if OUTREACH_FUZZ
        exit(runLibFuzzer(CommandLine.arguments))
        #else
        FileHandle.standardError.write(Data("outreach-fuzz was built without libFuzzer; run Scripts/fuzz\n".utf8))
        exit(2)
        #endif
    }
}

/// Picks the target from `OUTREACH_FUZZ_TARGET` and prepares its scratch folder; libFuzzer calls it once.
@_cdecl("LLVMFuzzerInitialize")
func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutableRawPointer?) -> Int32 {
    guard let name = ProcessInfo.processInfo.environment["OUTREACH_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("outreach-fuzz: set OUTREACH_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    FuzzTarget.selected = target
    target.prepare()
    return 0
}

/// Runs one input through the selected target.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzTarget.selected.run(data)
    return 0
}

#if OUTREACH_FUZZ
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// When SwiftPM's entry point is the one that runs, hand over to libFuzzer's driver.
private func runLibFuzzer(_ arguments: [String]) -> Int32 {
    var argc = Int32(arguments.count)
    var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    return pointers.withUnsafeMutableBufferPointer { buffer in
        var argv = buffer.baseAddress
        return LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in fuzzerTestOneInput(bytes, count) }
    }
}
#endif
