import Foundation

/// The loaders the fuzz targets (`Sources/outreach-fuzz`, run by `Scripts/fuzz`)
/// drive with arbitrary bytes, in memory where the loader allows it. Each runs
/// the real code path and throws its diagnostics away: a fuzz target looks only
/// for crashes, hangs and runaway memory.
package enum FuzzEntryPoints {
    /// Reads `data` as the text of `outreach.yml`.
    package static func manifest(_ data: Data) {
        let sink = DiagnosticSink()
        guard case .success(let text) = InputText.decode(data, file: "outreach.yml") else { return }
        _ = ManifestLoader().parse(text, file: "outreach.yml", base: URL(fileURLWithPath: "/nonexistent"), sink: sink)
    }

    /// Converts `data` as CommonMark to blocks and checks its depth, as content loading does.
    package static func commonMark(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        _ = CommonMark.firstTooDeep(in: text)
        _ = CommonMark.parse(text)
        _ = CommonMark.parseInline(text)
    }

    /// Reads `data` as a plugin's stdout: the response reader, then the checks on its files.
    package static func externalResponse(_ data: Data) {
        guard let response = try? ExternalFormatResponseReader.decode(ExternalFormatResponse.self, from: data) else { return }
        _ = try? ExternalFormat.rendered(from: response, label: "fuzz", stderrTail: nil)
    }
}
