#if Preview
internal import ArgumentParser
import Foundation
import OutreachKit

/// `outreach preview`: serve the materials on a local address, make them again when an input changes, and reload the page.
struct Preview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the materials locally and make them again when the content changes.",
        discussion: """
            Makes the materials (through the render cache, into the manifest's output folder only), serves them \
            at http://HOST:PORT/ with an index of materials and formats in each locale, watches the manifest, content, templates \
            and format folders, makes the materials again when any of them changes, and reloads the open page. \
            Problems show on the index page. Stops on Ctrl-C.
            """
    )

    @OptionGroup var options: ManifestOptions

    @Option(help: "The address to listen on; 127.0.0.1 is this machine only.")
    var host = "127.0.0.1"

    @Option(name: .shortAndLong, help: "The port to listen on; 0 takes a free one.")
    var port = 8040

    @Option(help: "Seconds between looks at the inputs.")
    var interval = 0.3

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port)") }
        guard interval > 0 else { throw ValidationError("--interval must be more than 0, not \(interval)") }
    }

    func run() async throws {
        let site = PreviewSite(manifest: options.url, displayPath: options.manifest, registry: CommandContext.registry)
        let printer = DiagnosticPrinter()
        printer.print(await site.regenerate())
        let preview = PreviewServer(site: site)
        let server: HTTPServerHandle
        do {
            server = try await HTTPServerHandle(preview: preview, host: host, port: UInt16(port))
        } catch {
            FileHandle.standardError.write(Data("outreach: cannot listen on \(host):\(port): \(error)\n".utf8))
            throw ExitCode(1)
        }
        if !quiet { print("outreach preview: http://\(host):\(await server.port)/ (Ctrl-C stops it)") }

        // Ctrl-C (and SIGTERM) stop the server and end the run with 0.
        let stop = StopSignal()
        let watcher = Task {
            var seen = await site.watcher().snapshot()
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(interval))
                let now = await site.watcher().snapshot()
                guard now != seen else { continue }
                // What triggered this run is what it has seen: a file still being written
                // (or changed while the run goes on) differs at the next look and runs again.
                seen = now
                let problems = await site.regenerate()
                printer.print(problems)
                if !quiet { print("outreach preview: made the materials again (run \(await site.generation))") }
            }
        }
        await stop.wait()
        watcher.cancel()
        await site.finishListeners()
        await server.stop()
        if !quiet { print("outreach preview: stopped") }
    }
}

/// Waits for SIGINT or SIGTERM.
final class StopSignal: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let lock = NSLock()
            var resumed = false
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    lock.withLock {
                        guard !resumed else { return }
                        resumed = true
                        continuation.resume()
                    }
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
#endif
