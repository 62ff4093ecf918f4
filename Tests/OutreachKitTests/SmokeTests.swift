import Testing
@testable import OutreachKit

@Test func versionIsSet() {
    #expect(!Outreach.version.isEmpty)
}
