import Foundation

/// The manifest's `assets` folder as planned outputs, copied byte for byte into
/// the output folder under the folder's own name (`assets: media/logos` gives
/// `out/logos/…`), so that `--check` knows them like any other output; and the
/// check that every image in content has alt text.
package struct AssetCollector {
    let manifest: Manifest
    let sink: DiagnosticSink

    /// The format and material names of an asset in reports.
    package static let format = "asset"

    /// Every file of the assets folder (hidden files left out), after checking the images of `campaign`
    /// and the logos of the partners the manifest makes kits for.
    func outputs(_ campaign: Campaign) -> [PlannedOutput] {
        checkAltText(campaign)
        let outputs = files()
        checkLogos(of: partnersInUse(campaign), against: outputs)
        return outputs
    }

    /// The partners some material with `each: partner` makes a kit for: content shared by
    /// several manifests may list partners that a manifest without `assets:` never uses.
    private func partnersInUse(_ campaign: Campaign) -> [Partner] {
        let fanOuts = manifest.materials.filter { $0.each == .partner }
        return campaign.partners.filter { partner in
            fanOuts.contains { $0.partners.isEmpty || $0.partners.contains(partner.id) }
        }
    }

    /// Each partner's logo is a file of the assets folder, as it will stand in the output.
    private func checkLogos(of partners: [Partner], against outputs: [PlannedOutput]) {
        let paths = outputs.map(\.path)
        for partner in partners {
            guard let logo = partner.logo, !paths.contains(logo.src) else { continue }
            guard let assets = manifest.assets else {
                sink.error(.missingAsset, "logo \(quoted(logo.src)) of partner \(quoted(partner.id)) needs an assets folder, and the manifest names none",
                           at: logo.location, hint: "add 'assets: assets' to the manifest and put the image in that folder")
                continue
            }
            var hint = paths.isEmpty ? "the folder has no files" : "files: \(quotedList(Array(paths.prefix(8))))"
                + (paths.count > 8 ? " and \(paths.count - 8) more" : "")
            if let near = closestMatch(to: logo.src, in: paths) { hint = "did you mean '\(near)'? " + hint }
            sink.error(.missingAsset, "logo \(quoted(logo.src)) of partner \(quoted(partner.id)) is not in the assets folder \(quoted(manifest.relative(assets)))",
                       at: logo.location, hint: hint)
        }
    }

    /// Every file of the assets folder, as outputs.
    private func files() -> [PlannedOutput] {
        guard let assets = manifest.assets else { return [] }
        let folder = manifest.resolve(assets).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            sink.error(.assetsFolderMissing, "assets folder \(quoted(manifest.relative(assets))) does not exist",
                       at: manifest.locations["assets"], hint: "create it, or correct 'assets:' (relative to the manifest)")
            return []
        }
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        var outputs: [PlannedOutput] = []
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let data = FileManager.default.contents(atPath: url.path) else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.path.count + 1))
            outputs.append(PlannedOutput(path: folder.lastPathComponent + "/" + relative, format: Self.format,
                                         material: Self.format, contents: data))
        }
        return outputs.sorted { $0.path < $1.path }
    }

    /// `![](…)` with nothing between the brackets, in each message.
    private func checkAltText(_ campaign: Campaign) {
        guard let pattern = try? NSRegularExpression(pattern: #"!\[\s*\]\(\s*<?([^)\s>]*)"#) else { return }
        for message in campaign.messages {
            let body = message.body
            for match in pattern.matches(in: body, range: NSRange(body.startIndex..., in: body)) {
                let target = Range(match.range(at: 1), in: body).map { String(body[$0]) } ?? ""
                let image = Range(match.range, in: body).map { String(body[$0]) } ?? ""
                sink.error(.imageWithoutAltText, "image \(quoted(target)) has no alt text", at: location(of: image, in: message),
                           hint: "describe it between the brackets, such as '![Campaign logo](\(target))'")
            }
        }
    }

    /// Where `text` first appears in the message's file, when the file can be read.
    private func location(of text: String, in message: Message) -> SourceLocation? {
        guard let source = message.source else { return nil }
        let url = source.hasPrefix("/") ? URL(fileURLWithPath: source)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(source)
        guard let file = try? String(contentsOf: url, encoding: .utf8), let range = file.range(of: text) else {
            return SourceLocation(file: source)
        }
        let before = file[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        return SourceLocation(file: source, line: line, column: column)
    }
}
