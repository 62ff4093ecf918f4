#if Preview
internal import FlyingFox
internal import FlyingSocks
import Foundation
import OutreachKit

/// The preview's HTTP server (FlyingFox): the index at `/`, the output files,
/// and `/_outreach/events`, a server-sent event stream with one `change`
/// event after every run.
struct PreviewServer {
    let site: PreviewSite

    func makeServer(host: String, port: UInt16) throws -> HTTPServer {
        let address = try sockaddr_in.inet(ip4: host, port: port)
        // A long timeout: an event stream stays open as long as its page.
        let server = HTTPServer(address: address, timeout: 3600, logger: .disabled)
        return server
    }

    func addRoutes(to server: HTTPServer) async {
        let site = self.site
        await server.appendRoute("GET /_outreach/events") { _ in
            let stream = await site.changes()
            var headers = HTTPHeaders()
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-store"
            return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: EventStream(changes: stream)))
        }
        await server.appendRoute("GET /") { _ in
            let page = PreviewPage.index(title: await site.title, outputs: await site.outputs, problems: await site.problems,
                                         generation: await site.generation)
            return Self.response(Data(page.utf8), type: "text/html; charset=utf-8")
        }
        await server.appendRoute("GET /*") { request in
            guard let url = await site.file(for: request.path), let data = FileManager.default.contents(atPath: url.path) else {
                return Self.response(Data("not found: \(request.path)\n".utf8), type: "text/plain; charset=utf-8", status: .notFound)
            }
            let type = Self.mediaType(url.pathExtension)
            if type.hasPrefix("text/html") {
                return Self.response(Data(PreviewPage.injectingReload(into: String(decoding: data, as: UTF8.self)).utf8), type: type)
            }
            return Self.response(data, type: type)
        }
    }

    static func response(_ body: Data, type: String, status: HTTPStatusCode = .ok) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }

    static func mediaType(_ fileExtension: String) -> String {
        switch fileExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "md": return "text/markdown; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}

/// The bytes of a server-sent event stream: a comment at once (so the client
/// sees the headers), then `event: change` with the run number after every run.
struct EventStream: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let changes: AsyncStream<Int>

    func makeAsyncIterator() -> Iterator { Iterator(changes: changes.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var changes: AsyncStream<Int>.Iterator
        var pending: [UInt8] = Array(": outreach preview\n\n".utf8)

        mutating func next() async -> UInt8? {
            guard let byte = await nextBuffer(suggested: 1)?.first else { return nil }
            return byte
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if pending.isEmpty {
                guard let generation = await changes.next() else { return nil }
                pending = Array("event: change\ndata: \(generation)\n\n".utf8)
            }
            let chunk = Array(pending.prefix(Swift.max(count, 1)))
            pending.removeFirst(chunk.count)
            return chunk
        }
    }
}
#endif
