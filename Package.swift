// swift-tools-version: 6.2
import PackageDescription

/// `OUTREACH_FUZZ=1` (set by Scripts/fuzz, in its own build folder) instruments OutreachKit
/// for libFuzzer and AddressSanitizer and links outreach-fuzz with libFuzzer; the build-tool
/// plugin's executable stays uninstrumented, which flags given with -Xswiftc cannot do.
let fuzzing = Context.environment["OUTREACH_FUZZ"] == "1"
let fuzzFlags: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"]), .define("OUTREACH_FUZZ")] : []

let package = Package(
    name: "outreach",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "OutreachKit", targets: ["OutreachKit"]),
        .library(name: "OutreachCLI", targets: ["OutreachCLI"]),
        .executable(name: "outreach", targets: ["outreach"]),
        .executable(name: "outreach-bench", targets: ["outreach-bench"]),
        .plugin(name: "GenerateOutreach", targets: ["GenerateOutreach"]),
    ],
    // `preview` is a trait, on by default: its server library (FlyingFox) links FoundationNetworking
    // and so libcurl, which the release binary (Scripts/release, --disable-default-traits) leaves out.
    traits: [
        .trait(name: "Preview", description: "The 'outreach preview' command and its HTTP server"),
        .default(enabledTraits: ["Preview"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // The preview server: FlyingFox has no dependencies (hummingbird brings SwiftNIO).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        // `swift package generate-documentation --target OutreachKit`: the DocC catalog, built
        // without a warning (Scripts/docs, run by CI). A command plugin: nothing of it is linked.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // Embeds Templates/, Schemas/ and Examples/ci/ as Swift source; it writes them itself,
        // with no tool to build, so that an unchanged build compiles and links nothing.
        .plugin(name: "EmbedTemplates", capability: .buildTool()),
        .plugin(
            name: "GenerateOutreach",
            capability: .command(
                intent: .custom(verb: "generate-outreach", description: "Generate the outreach materials of outreach.yml"),
                permissions: [
                    .writeToPackageDirectory(
                        reason: "outreach writes the materials into the manifest's output folder; "
                            + "run 'swift package --allow-writing-to-package-directory generate-outreach' to allow it")
                ]
            ),
            dependencies: ["outreach"]
        ),
        .target(
            name: "OutreachKit",
            dependencies: [
                "CCmark",
                "CQRencode",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: fuzzFlags,
            plugins: ["EmbedTemplates"]
        ),
        .target(
            name: "OutreachCLI",
            dependencies: [
                "OutreachKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox", condition: .when(traits: ["Preview"])),
                .product(name: "FlyingSocks", package: "FlyingFox", condition: .when(traits: ["Preview"])),
            ]
        ),
        .executableTarget(name: "outreach", dependencies: ["OutreachCLI"]),
        .executableTarget(
            name: "outreach-bench",
            dependencies: ["OutreachKit"]
        ),
        // libFuzzer targets; they only fuzz when built by Scripts/fuzz (sanitizer flags), see README.
        .executableTarget(
            name: "outreach-fuzz", dependencies: ["OutreachKit"], swiftSettings: fuzzFlags,
            linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []
        ),
        .testTarget(
            name: "OutreachKitTests",
            dependencies: ["OutreachKit", "OutreachCLI", "outreach"],
            exclude: ["Golden", "Plugins"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
