#if Preview
internal import FlyingFox
internal import FlyingSocks
import Foundation

/// A running preview server: started, listening, and stopped on request.
actor HTTPServerHandle {
    private let server: HTTPServer
    private let task: Task<Void, any Error>

    init(preview: PreviewServer, host: String, port: UInt16) async throws {
        server = try preview.makeServer(host: host, port: port)
        await preview.addRoutes(to: server)
        let server = self.server
        task = Task { try await server.run() }
        do {
            try await server.waitUntilListening(timeout: 10)
        } catch {
            task.cancel()
            // The server's own error (such as the port being taken) says more than the wait's.
            if case .failure(let failure) = await task.result { throw failure }
            throw error
        }
    }

    /// The port it listens on (the one the system chose when asked for 0).
    var port: Int {
        get async {
            guard case .ip4(_, let port)? = await server.listeningAddress else { return 0 }
            return Int(port)
        }
    }

    func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }
}
#endif
