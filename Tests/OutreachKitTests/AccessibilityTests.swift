import Foundation
import Testing
@testable import OutreachKit

/// axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules run in headless Chromium over every
/// HTML output of the example kit (English, Spanish and Arabic), on a phone's
/// 320 CSS px and a desktop's 1280 px.
///
/// It never skips: without Chromium or axe-core it fails. `Scripts/setup` installs
/// Chromium and fetches axe-core 4.12.1 (checked by its SHA-256) into
/// `~/.cache/outreach/`.
@Suite(.serialized, .hangGuard) struct AccessibilityTests {
    static var axeFile: URL {
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return cache.appendingPathComponent("outreach/axe-core-4.12.1.min.js")
    }

    static let tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

    /// Each HTML output of a kit written to disk (with its assets, so logos load), as paths under the output folder.
    static func pages(_ kit: Fixture, manifest: String = "outreach.yml") async throws -> [(path: String, url: URL)] {
        let plan = try await Generator(environment: ["SOURCE_DATE_EPOCH": "1767225600"])
            .plan(manifest: kit.url(manifest), displayPath: manifest, filters: GenerateFilters())
        _ = try OutputWriter().write(plan)
        return plan.outputs.map(\.path).filter { $0.hasSuffix(".html") }.sorted().map { path in
            (path: path, url: plan.outputFolder.appendingPathComponent(path))
        }
    }

    @Test func noOutputHasAnAxeViolationOnAPhoneOrADesktop() async throws {
        let axe = try String(contentsOf: Self.axeFile, encoding: .utf8)
        try #require(axe.hasPrefix("/*! axe v4.12.1"), "run Scripts/setup to fetch axe-core into \(Self.axeFile.path)")
        let kit = try Fixture()
        let arabic = try String(contentsOf: Repository.example.appendingPathComponent("outreach.ar.yml"), encoding: .utf8)
        try kit.write("outreach.ar.yml", arabic.replacingOccurrences(of: "\noutput: out\n", with: "\noutput: out-ar\n"))
        var pages = try await Self.pages(kit)
        pages += try await Self.pages(kit, manifest: "outreach.ar.yml")
        #expect(pages.count >= 35, "every HTML output, English, Spanish and Arabic: \(pages.map(\.path))")
        let allPages = pages

        // The browser is driven from a thread of its own: a test that blocked one of Swift's two
        // cooperative threads for 20 s would starve the other suites' awaits (plugin timeouts, kills).
        let chromium = try PrintTool.chromium.require(environment: try CleanEnvironment.make(), for: "running axe-core")
        let tags = Self.tags
        let results = try await onOwnThread { () throws -> [(page: String, width: Int, rules: Int, violations: [String])] in
            let browser = try DevToolsSession(chromium: chromium, timeout: 240)
            defer { browser.close() }
            let run = """
                axe.run(document, { runOnly: { type: 'tag', values: \(tags) }, resultTypes: ['violations'] })
                  .then(r => ({ rules: r.passes.length + r.violations.length + r.incomplete.length,
                                violations: r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', ')) }))
                """
            var results: [(page: String, width: Int, rules: Int, violations: [String])] = []
            for page in allPages {
                for width in [320, 1280] {
                    try browser.open(page.url)
                    try browser.emulate(width: width)
                    _ = try browser.evaluate(axe + "\n;true")
                    let result = try browser.evaluate(run) as? [String: Any] ?? [:]
                    results.append((page.path, width, result["rules"] as? Int ?? 0, result["violations"] as? [String] ?? ["axe returned nothing"]))
                }
            }
            return results
        }
        for result in results {
            #expect(result.violations.isEmpty, "\(result.page) at \(result.width) px: \(result.violations)")
            #expect(result.rules > 10, "\(result.page): axe ran its rules")
        }
        #expect(results.count == pages.count * 2)
    }

    /// The check can fail: axe finds the faults it is meant to find in a page that has them.
    @Test func axeFindsAnImageWithoutAltAndLowContrast() async throws {
        let axe = try String(contentsOf: Self.axeFile, encoding: .utf8)
        let folder = try Fixture(copyingExample: false)
        try folder.write("bad.html", """
            <!DOCTYPE html><html lang="en"><head><title>Bad</title></head><body><main>
            <h1>Bad page</h1><img src="x.png"><p style="color:#aaaaaa;background:#ffffff">Low contrast text</p>
            </main></body></html>
            """)
        let chromium = try PrintTool.chromium.require(environment: try CleanEnvironment.make(), for: "running axe-core")
        let page = folder.url("bad.html"), tags = Self.tags
        let ids = try await onOwnThread { () throws -> [String]? in
            let browser = try DevToolsSession(chromium: chromium, timeout: 60)
            defer { browser.close() }
            try browser.open(page)
            _ = try browser.evaluate(axe + "\n;true")
            return try browser.evaluate("axe.run(document, { runOnly: { type: 'tag', values: \(tags) } }).then(r => r.violations.map(v => v.id))") as? [String]
        }
        #expect(Set(ids ?? []).isSuperset(of: ["image-alt", "color-contrast"]), "\(ids ?? [])")
    }
}
