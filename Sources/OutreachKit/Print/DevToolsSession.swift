import Foundation

/// One headless Chromium, driven over the DevTools protocol on a pipe
/// (`--remote-debugging-pipe`): one launch serves every page of a run.
///
/// Chromium reads NUL-terminated JSON commands on file descriptor 3 and
/// answers on 4; a shell maps them to the process's stdin and stdout. Calls
/// are synchronous, one at a time. A watchdog kills Chromium when a run takes
/// longer than its timeout, so a hung browser ends as an error.
package final class DevToolsSession: @unchecked Sendable {
    /// A DevTools error, or Chromium ending early.
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let profile: URL
    private var buffer = Data()
    private var nextID = 0
    private var session: String?

    /// Starts Chromium at `executable` and opens one page; it is killed after `timeout` seconds.
    package init(chromium executable: URL, timeout: Double) throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("outreach-chromium-\(UUID().uuidString)")
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "exec \"$0\" \"$@\" 3<&0 4>&1 1>/dev/null 2>/dev/null 0</dev/null", executable.path,
            "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
            "--hide-scrollbars", "--font-render-hinting=none", "--user-data-dir=\(profile.path)",
        ]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let process = self.process
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if process.isRunning { process.terminate() } }
        let target = try call("Target.createTarget", ["url": "about:blank"], inSession: false)
        guard let targetID = target["targetId"] as? String else { throw Failure(description: "Chromium opened no page") }
        let attached = try call("Target.attachToTarget", ["targetId": targetID, "flatten": true], inSession: false)
        session = attached["sessionId"] as? String
    }

    deinit { close() }

    /// Ends Chromium and removes its profile folder.
    package func close() {
        if process.isRunning {
            _ = try? call("Browser.close", [:], inSession: false)
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: profile)
    }

    /// Opens `url` and waits until it has loaded.
    package func open(_ url: URL) throws {
        let navigation = try call("Page.navigate", ["url": url.absoluteString])
        if let error = navigation["errorText"] as? String, !error.isEmpty {
            throw Failure(description: "cannot open \(url.path): \(error)")
        }
        _ = try evaluate("new Promise(r => document.readyState === 'complete' ? r(true) : addEventListener('load', () => r(true)))")
    }

    /// The value of a JavaScript expression (awaited when it is a promise), as JSON values.
    package func evaluate(_ expression: String) throws -> Any? {
        let result = try call("Runtime.evaluate", ["expression": expression, "awaitPromise": true, "returnByValue": true])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            throw Failure(description: "script failed: \((exception["exception"] as? [String: Any])?["description"] ?? exception)")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Lays the page out as a screen `width` CSS pixels wide, or as it would print when `print` is set.
    package func emulate(width: Int?, print: Bool = false) throws {
        if let width {
            _ = try call("Emulation.setDeviceMetricsOverride", ["width": width, "height": 900, "deviceScaleFactor": 1, "mobile": false])
        } else {
            _ = try call("Emulation.clearDeviceMetricsOverride", [:])
        }
        _ = try call("Emulation.setEmulatedMedia", ["media": print ? "print" : ""])
    }

    /// The open page printed to PDF with its CSS page size and backgrounds, as Chromium prints it.
    package func printToPDF() throws -> Data {
        let result = try call("Page.printToPDF", [
            "preferCSSPageSize": true, "printBackground": true, "displayHeaderFooter": false, "generateTaggedPDF": true,
        ])
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "Chromium returned no PDF")
        }
        return data
    }

    private func call(_ method: String, _ params: [String: Any], inSession: Bool = true) throws -> [String: Any] {
        guard process.isRunning else { throw Failure(description: "Chromium is not running (it ended, or ran out of time)") }
        nextID += 1
        var message: [String: Any] = ["id": nextID, "method": method, "params": params]
        if inSession, let session { message["sessionId"] = session }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        try input.fileHandleForWriting.write(contentsOf: data)
        while true {
            let reply = try readMessage()
            guard (reply["id"] as? Int) == nextID else { continue }
            if let error = reply["error"] as? [String: Any] {
                throw Failure(description: "\(method): \(error["message"] as? String ?? "error")")
            }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    private func readMessage() throws -> [String: Any] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = buffer[buffer.startIndex..<end]
                buffer = Data(buffer[buffer.index(after: end)...])
                if let object = try JSONSerialization.jsonObject(with: message) as? [String: Any] { return object }
                continue
            }
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw Failure(description: "Chromium closed its DevTools pipe (it ended, or ran out of time)") }
            buffer.append(chunk)
        }
    }
}
