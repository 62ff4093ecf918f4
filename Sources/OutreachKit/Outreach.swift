/// Facts about this build of outreach.
public enum Outreach {
    /// The version printed by `outreach --version`.
    public static let version = "0.2.0"
}
