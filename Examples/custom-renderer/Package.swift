// swift-tools-version: 6.2
// An outreach format written in Swift: a package that depends on OutreachKit,
// adds one renderer, and ships an `outreach` of its own with it registered.
import PackageDescription

let package = Package(
    name: "custom-renderer",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ReadabilityRenderer", targets: ["ReadabilityRenderer"]),
        .executable(name: "outreach-readability", targets: ["outreach-readability"]),
    ],
    dependencies: [
        .package(name: "outreach", path: "../.."),
    ],
    targets: [
        .target(name: "ReadabilityRenderer", dependencies: [.product(name: "OutreachKit", package: "outreach")]),
        .executableTarget(
            name: "outreach-readability",
            dependencies: ["ReadabilityRenderer", .product(name: "OutreachCLI", package: "outreach")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
