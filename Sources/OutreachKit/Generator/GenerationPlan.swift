import Foundation

/// Which materials and formats a run makes; empty means all.
public struct GenerateFilters: Sendable {
    /// Material ids to make.
    public var materials: [String]
    /// Format names to make.
    public var formats: [String]

    /// The part of the outputs to make, or nil for all of them.
    public var shard: Shard?

    /// Creates filters.
    public init(materials: [String] = [], formats: [String] = [], shard: Shard? = nil) {
        self.materials = materials
        self.formats = formats
        self.shard = shard
    }
}

/// One file a run makes, rendered in memory.
public struct PlannedOutput: Sendable, Hashable {
    /// The path relative to the output folder.
    public var path: String
    /// The format name.
    public var format: String
    /// The material id.
    public var material: String
    /// The locale of the document it was made from; nil for a file that is no document's (an asset).
    public var locale: String?
    /// The bytes; empty once a streaming run has staged them (``size`` and the digest stay).
    public var contents: Data
    /// How many bytes the output has.
    public private(set) var size: Int
    /// The SHA-256 of the bytes, kept for the render cache when the bytes are let go.
    var digest: Digest256?
    /// Whether the render cache vouches that the file on disk already holds these bytes.
    var knownOnDisk = false
    /// What the output was made from, for the render cache; nil when it must always be rendered.
    var cacheKey: Digest256?
    /// What its page was laid out from, for the render cache; nil when the page must always be laid out.
    var pageKey: Digest256?
    /// The content texts its page's layout used untranslated, recorded with it in the render cache.
    var untranslated: [String]?
    /// Whether the render cache's line for its path records exactly this (the same key, digest, page
    /// key and untranslated texts), so that saving the cache keeps that line as it is.
    var recordedInCache = false
    /// Whether the render cache took the file on disk from its stamp, without reading it.
    var trustedByStamp = false
    /// The name of its copy in a write session's staging area, when it was staged.
    var stagedName: UInt32?

    /// Creates a planned output.
    package init(path: String, format: String, material: String, contents: Data) {
        self.path = path
        self.format = format
        self.material = material
        self.contents = contents
        self.size = contents.count
    }

    /// An output as a write reports it: without its bytes.
    init(path: String, format: String, material: String, locale: String?, size: Int) {
        self.init(path: path, format: format, material: material, contents: Data())
        self.locale = locale
        self.size = size
    }

    /// An output on disk that the render cache vouches for: its size and digest, and its bytes when they were read.
    init(cached path: String, format: String, material: String, locale: String?,
         onDisk: (size: Int, bytes: Data?, stamped: Bool), entry: RenderCache.Entry) {
        self.init(path: path, format: format, material: material, contents: onDisk.bytes ?? Data())
        self.locale = locale
        size = onDisk.size
        digest = entry.contents
        cacheKey = entry.key
        pageKey = entry.page
        untranslated = entry.untranslated
        knownOnDisk = true
        recordedInCache = true
        trustedByStamp = onDisk.stamped
    }
}

/// Everything a run would write, checked and rendered, before anything is written.
public struct GenerationPlan: Sendable {
    /// The output folder.
    public var outputFolder: URL
    /// The output folder as named in messages.
    public var outputDisplayPath: String
    /// The files, sorted by path.
    public var outputs: [PlannedOutput]
    /// Warnings found along the way.
    public var warnings: [Diagnostic]
    /// Whether writing the plan should record the render cache.
    var usesRenderCache = false
    /// The part of the outputs this plan makes, when the run was split with `--shard`.
    package var shard: Shard?
    /// Whether the run was answered from the output folder's run record (``RunRecord``),
    /// reading none of the content.
    package var answeredFromRecord = false

    /// The output folder joined with a relative path, for messages.
    package func displayPath(_ relative: String) -> String {
        outputDisplayPath.hasSuffix("/") ? outputDisplayPath + relative : outputDisplayPath + "/" + relative
    }
}

/// What a run that writes nothing keeps of each output: its path, format, material and size (56
/// bytes), where a ``PlannedOutput`` is 232. `outreach validate` reports these, and each
/// entry of `generate --check` for a file the manifest makes holds one.
package struct OutputSummary: Sendable, Hashable {
    package var path: String
    package var format: String
    package var material: String
    package var size: Int

    init(_ output: PlannedOutput) {
        path = output.path
        format = output.format
        material = output.material
        size = output.size
    }
}
