import Foundation
import OutreachKit

/// One loader under fuzzing; the input is bytes, the oracle is "no crash, no hang".
enum FuzzTarget: String, CaseIterable {
    /// `outreach.yml`.
    case manifest
    /// The content folder: the first byte picks which file the rest replaces in a small valid kit.
    case content
    /// The cmark-to-Document bridge.
    case commonmark
    /// A template format folder: `format.yml`, then templates, split at lines of `----`.
    case templateFormat = "template-format"
    /// A plugin's answer on stdout.
    case externalResponse = "external-response"

    nonisolated(unsafe) static var selected = FuzzTarget.manifest

    /// A scratch folder per process, on tmpfs when there is one.
    static let scratch: URL = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return URL(fileURLWithPath: base).appendingPathComponent("outreach-fuzz-\(getpid())")
    }()

    static let contentFiles = ["messages/fuzz.md", "agencies.yml", "contacts.yml", "campaign.yml"]

    /// The example kit's content, which the content target changes one file of at a time.
    static let kit = URL(fileURLWithPath: "Examples/blue-campaign/content")
    nonisolated(unsafe) static var originals: [String: Data] = [:]

    func prepare() {
        let manager = FileManager.default
        try? manager.removeItem(at: Self.scratch)
        try? manager.createDirectory(at: Self.scratch.deletingLastPathComponent(), withIntermediateDirectories: true)
        if self == .content {
            guard (try? manager.copyItem(at: Self.kit, to: Self.scratch)) != nil else {
                FileHandle.standardError.write(Data("outreach-fuzz: run from the repository's root, where \(Self.kit.relativePath) is\n".utf8))
                exit(2)
            }
            for name in Self.contentFiles { Self.originals[name] = try? Data(contentsOf: Self.scratch.appendingPathComponent(name)) }
        } else {
            try? manager.createDirectory(at: Self.scratch, withIntermediateDirectories: true)
        }
        atexit { try? FileManager.default.removeItem(at: FuzzTarget.scratch) }
    }

    func run(_ data: Data) {
        switch self {
        case .manifest: FuzzEntryPoints.manifest(data)
        case .commonmark: FuzzEntryPoints.commonMark(data)
        case .externalResponse: FuzzEntryPoints.externalResponse(data)
        case .content: runContent(data)
        case .templateFormat: runTemplateFormat(data)
        }
    }

    private func runContent(_ data: Data) {
        let chosen = Self.contentFiles[Int(data.first ?? 0) % Self.contentFiles.count]
        let url = Self.scratch.appendingPathComponent(chosen)
        try? data.dropFirst().write(to: url)
        _ = try? ContentLoader(folder: Self.scratch, displayPath: "content").load()
        if let original = Self.originals[chosen] { try? original.write(to: url) } else { try? FileManager.default.removeItem(at: url) }
    }

    private func runTemplateFormat(_ data: Data) {
        let folder = Self.scratch.appendingPathComponent("format")
        try? FileManager.default.removeItem(at: folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let parts = String(decoding: data, as: UTF8.self).components(separatedBy: "\n----\n")
        let names = ["format.yml", "page.mustache", "message.mustache", "section.mustache"]
        for (index, part) in parts.prefix(names.count + 4).enumerated() {
            let name = index < names.count ? names[index] : "part\(index).mustache"
            try? Data(part.utf8).write(to: folder.appendingPathComponent(name))
        }
        _ = try? TemplateFormat.load(from: folder, displayPath: "formats/fuzz")
    }
}
