import Foundation

/// What happened to one output file.
public enum WriteStatus: String, Sendable, Codable {
    /// The file was new or its bytes changed, and it was written.
    case written
    /// The file already held these bytes and was left alone.
    case unchanged
}

/// Writes a plan's files into its output folder in two phases: every changed
/// file is first staged inside the folder and flushed, then renamed into place.
///
/// Only inside the folder, only when the bytes changed, and with the folder
/// locked against other runs. When staging fails, the staging area is removed
/// and the folder is as it was; when a rename fails, the error names exactly
/// which files were replaced (``DiagnosticCode/partiallyWritten``).
public struct OutputWriter: Sendable {
    /// How long to wait for another run that holds the output folder, in seconds.
    package var lockTimeout: Double = 30
    /// Called before each step that changes the disk, for tests that inject failures.
    package var fault: WriteFault?

    /// Creates a writer.
    public init() {}

    /// Writes every output of `plan` and says what happened to each.
    public func write(_ plan: GenerationPlan) throws(DiagnosticError) -> WriteResults {
        let session = try begin(plan.outputFolder, display: plan.outputDisplayPath, usesRenderCache: plan.usesRenderCache)
        do {
            for output in plan.outputs { _ = try session.stage(output) }
        } catch {
            session.abandon()
            throw error
        }
        return try session.commit()
    }

    /// Locks the output folder, removes what a killed run left, and opens a staging area
    /// that outputs can be staged into as they are rendered.
    package func begin(_ folder: URL, display: String, usesRenderCache: Bool) throws(DiagnosticError) -> WriteSession {
        try WriteSession(folder: folder, display: display, usesRenderCache: usesRenderCache,
                         lockTimeout: lockTimeout, fault: fault)
    }
}

/// The steps of a write, as a test-only hook sees them.
package enum WriteStep: String, Sendable {
    /// Creating the staging area.
    case createStaging
    /// Writing one output into the staging area.
    case stage
    /// Reading back the list of staged outputs, when the session commits.
    case readList
    /// Flushing the staged files to disk.
    case flush
    /// Renaming one staged output into place.
    case rename
}

/// A test-only hook: it throws to make the step for the given output path (or
/// the staging folder) fail as a full disk or a read-only folder would.
package struct WriteFault: Sendable {
    package let body: @Sendable (_ step: WriteStep, _ path: String) throws -> Void

    /// Creates a hook.
    package init(_ body: @escaping @Sendable (_ step: WriteStep, _ path: String) throws -> Void) { self.body = body }
}
