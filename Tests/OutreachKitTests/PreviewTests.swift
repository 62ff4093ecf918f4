import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `outreach preview` serves, watches and reloads, tested with real HTTP clients against the built binary.
@Suite(.serialized, .hangGuard) struct PreviewTests {
    /// A port that was free a moment ago: bound with port 0, read back, closed.
    static func freePort() throws -> UInt16 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        try #require(bound == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return UInt16(bigEndian: address.sin_port)
    }

    /// One raw HTTP/1.1 exchange on a Dispatch thread: sends `request`, reads until `marker` appears or the server closes.
    static func raw(port: UInt16, _ request: String, until marker: String? = nil) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                defer { close(socket) }
                var timeout = timeval(tv_sec: 20, tv_usec: 0)
                setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                address.sin_port = port.bigEndian
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                guard connected == 0 else { return continuation.resume(returning: "") }
                let bytes = Array(request.utf8)
                _ = bytes.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
                var received = Data()
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = recv(socket, &buffer, buffer.count, 0)
                    if count <= 0 { break }
                    received.append(contentsOf: buffer[0..<count])
                    if let marker, String(decoding: received, as: UTF8.self).contains(marker) { break }
                }
                continuation.resume(returning: String(decoding: received, as: UTF8.self))
            }
        }
    }

    static func get(_ url: String) async -> (status: Int, body: String)? {
        guard let url = URL(string: url), let (data, response) = try? await URLSession.shared.data(from: url),
              let http = response as? HTTPURLResponse else { return nil }
        return (http.statusCode, String(decoding: data, as: UTF8.self))
    }

    /// Fetches `url` again and again (a bounded number of times) until `condition` holds.
    static func poll(_ url: String, until condition: (String) -> Bool) async -> String? {
        for _ in 0..<400 {
            if let page = await get(url), page.status == 200, condition(page.body) { return page.body }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Every file of the kit outside its output folder, with its bytes.
    static func inputs(_ kit: Fixture) -> [String: Data] {
        var tree: [String: Data] = [:]
        let base = kit.root.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: kit.root, includingPropertiesForKeys: nil) else { return tree }
        for case let url as URL in walker {
            let path = url.standardizedFileURL.path
            guard !path.hasPrefix(kit.output.standardizedFileURL.path), let data = FileManager.default.contents(atPath: path) else { continue }
            tree[String(path.dropFirst(base.count))] = data
        }
        return tree
    }

    @Test func servesWatchesReloadsAndStopsOnControlC() async throws {
        let kit = try Fixture.minimal()
        let port = try Self.freePort()
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["preview", "--port", String(port), "--interval", "0.1"]
        process.currentDirectoryURL = kit.root
        process.environment = try CleanEnvironment.make()
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdout = PipeReader(out.fileHandleForReading)
        let stderr = PipeReader(err.fileHandleForReading)
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let site = "http://127.0.0.1:\(port)"

        // The index: each material and format in its locale, linked.
        let index = try #require(await Self.poll(site + "/") { $0.contains("sheet.html") }, "the preview never served its index")
        #expect(index.contains("<a href=\"/sheet.md\">sheet.md</a>") && index.contains("EventSource"))
        #expect(index.contains("Locale <code>en</code>"))
        let page = try #require(await Self.get(site + "/sheet.html"))
        #expect(page.status == 200 && page.body.contains("Body text.") && page.body.contains("/_outreach/events"))
        #expect(await Self.get(site + "/sheet.txt")?.body.contains("Body text.") == true)

        // Nothing outside the output folder, nor its hidden cache, is served.
        let escape = await Self.raw(port: port, "GET /../outreach.yml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(escape.hasPrefix("HTTP/1.1 404") && !escape.contains("materials:"), "\(escape)")
        #expect(await Self.get(site + "/.outreach-cache")?.status == 404)

        // An open page hears of the next run.
        async let event = Self.raw(port: port, "GET /_outreach/events HTTP/1.1\r\nHost: x\r\n\r\n", until: "event: change")
        _ = await Self.raw(port: port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        try await Task.sleep(for: .milliseconds(300)) // let the event stream connect before the change
        let before = Self.inputs(kit)
        try kit.edit("content/messages/signs.md", replacing: "Body text.", with: "Changed text.")
        let changed = await Self.poll(site + "/sheet.html") { $0.contains("Changed text.") }
        #expect(changed != nil, "the preview never showed the changed message")
        let stream = await event
        #expect(stream.contains("text/event-stream") && stream.contains("event: change\ndata: "), "\(stream)")

        // A broken message shows on the index, located.
        try kit.edit("content/messages/signs.md", replacing: "title: Signs\n", with: "")
        let problems = await Self.poll(site + "/") { $0.contains("class=\"problems\"") }
        #expect(problems?.contains("content/messages/signs.md:") == true && problems?.contains("title") == true, "\(problems ?? "")")

        // Ctrl-C stops it cleanly; it wrote only into the output folder.
        process.interrupt()
        let output = String(decoding: await stdout.data(), as: UTF8.self)
        _ = await stderr.data()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(output.contains("outreach preview: http://127.0.0.1:\(port)/") && output.hasSuffix("outreach preview: stopped\n"), "\(output)")
        var after = Self.inputs(kit)
        after["/content/messages/signs.md"] = before["/content/messages/signs.md"]
        #expect(after == before, "the preview changed files outside its output folder")
    }

    @Test func anInvalidPortIsAUsageError() async throws {
        let kit = try Fixture.minimal()
        let run = try await CommandLineTests.run(["preview", "--port", "70000"], in: kit.root)
        #expect(run.status == 2 && run.stderr.contains("--port must be from 0 to 65535"), "\(run.stderr)")
    }
}
