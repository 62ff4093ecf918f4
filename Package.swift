// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "outreach",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "OutreachKit", targets: ["OutreachKit"]),
        .library(name: "OutreachCLI", targets: ["OutreachCLI"]),
        .executable(name: "outreach", targets: ["outreach"]),
        .executable(name: "outreach-bench", targets: ["outreach-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .executableTarget(name: "embed-templates"),
        .plugin(
            name: "EmbedTemplates",
            capability: .buildTool(),
            dependencies: ["embed-templates"]
        ),
        .target(
            name: "OutreachKit",
            dependencies: [
                "CCmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            plugins: ["EmbedTemplates"]
        ),
        .target(
            name: "OutreachCLI",
            dependencies: [
                "OutreachKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "outreach", dependencies: ["OutreachCLI"]),
        .executableTarget(
            name: "outreach-bench",
            dependencies: ["OutreachKit"]
        ),
        .testTarget(
            name: "OutreachKitTests",
            dependencies: ["OutreachKit", "outreach"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
