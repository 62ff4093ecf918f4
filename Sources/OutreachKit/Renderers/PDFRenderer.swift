import Foundation

/// Renders a document as a PDF: its HTML page printed by headless Chromium.
///
/// Chromium is the print engine because `outreach proof` and the browser tests
/// measure page budgets in Chromium: the PDF is exactly what was proofed. The
/// PDF takes its paper size from the page's `@page` rule, its title from
/// `<title>` and its language (`/Lang`) from `<html lang>`, and it is tagged.
/// Chromium stamps the time of printing as the creation and modification
/// dates; they are replaced by the document's date (or 1970-01-01) in place,
/// at the same length, so the same Chromium and fonts print the same bytes.
/// A different Chromium or font set may lay out differently, which is why the
/// render cache never reuses a PDF.
package struct PDFRenderer: Renderer {
    /// The environment to find Chromium in (`PATH`, `OUTREACH_CHROMIUM`).
    package var environment: [String: String]

    /// Creates the renderer.
    package init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// `pdf`: `.pdf` files of type `application/pdf`.
    package var format: FormatDescriptor {
        FormatDescriptor(
            name: "pdf", fileExtension: "pdf", mediaType: "application/pdf",
            summary: "The HTML page printed to PDF by headless Chromium (Debian package chromium)")
    }

    /// Chromium is another program: never cached.
    package var cacheIdentity: RenderCacheIdentity { .uncacheable }

    /// Renders the HTML page and prints it.
    package func render(_ document: Document, options: RenderOptions) async throws -> Rendered {
        let html = try HTMLRenderer().render(document, options: options)
        let chromium: URL
        do {
            chromium = try PrintTool.chromium.require(environment: environment, for: "the pdf format")
        } catch {
            throw error.diagnostics[0]
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outreach-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.html")
        try html.files[0].contents.write(to: page)
        let pdf: Data
        do {
            pdf = try await onOwnThread {
                let browser = try DevToolsSession(chromium: chromium, timeout: 120)
                defer { browser.close() }
                try browser.open(page)
                return try browser.printToPDF()
            }
        } catch {
            throw Diagnostic.error(.printFailed, "Chromium could not print it: \(error)")
        }
        return Rendered(files: [RenderedFile(contents: Self.normalised(pdf, date: document.metadata.date))])
    }

    /// `pdf` with every `(D:` followed by 14 digits (the creation and modification
    /// dates) set to `date` (YYYY-MM-DD) at midnight, or 1970-01-01; lengths and
    /// offsets do not change.
    static func normalised(_ pdf: Data, date: String?) -> Data {
        let digits = (date.map { $0.filter(\.isNumber) }.flatMap { $0.count == 8 ? $0 : nil } ?? "19700101") + "000000"
        let stamp = Array(digits.utf8)
        let marker = Array("(D:".utf8)
        var bytes = [UInt8](pdf)
        var index = 0
        while index + marker.count + stamp.count <= bytes.count {
            if bytes[index..<index + marker.count].elementsEqual(marker) {
                let start = index + marker.count
                if bytes[start..<start + stamp.count].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                    bytes.replaceSubrange(start..<start + stamp.count, with: stamp)
                }
                index = start
            } else {
                index += 1
            }
        }
        return Data(bytes)
    }
}
