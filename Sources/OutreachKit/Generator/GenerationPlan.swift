import Foundation

/// Which materials and formats a run makes; empty means all.
public struct GenerateFilters: Sendable {
    /// Material ids to make.
    public var materials: [String]
    /// Format names to make.
    public var formats: [String]

    /// Creates filters.
    public init(materials: [String] = [], formats: [String] = []) {
        self.materials = materials
        self.formats = formats
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
    /// The bytes.
    public var contents: Data
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

    /// The output folder joined with a relative path, for messages.
    public func displayPath(_ relative: String) -> String {
        outputDisplayPath.hasSuffix("/") ? outputDisplayPath + relative : outputDisplayPath + "/" + relative
    }
}
