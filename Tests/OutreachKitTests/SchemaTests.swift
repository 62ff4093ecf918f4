import Foundation
import Testing
@testable import OutreachKit

/// The JSON Schemas in `Schemas/` say exactly what the loaders accept, the kits
/// validate against them, and the "Content model" article documents every key.
@Suite(.hangGuard) struct SchemaTests {
    static func schema(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: Repository.root.appendingPathComponent("Schemas/\(name).schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The object schema at `path` (keys and `$defs` names, `[]` for an array's items), `$ref`s followed.
    static func object(_ name: String, _ path: [String] = []) throws -> [String: Any] {
        let root = try schema(name)
        var node = root
        func resolve(_ value: [String: Any]) throws -> [String: Any] {
            guard let ref = value["$ref"] as? String else { return value }
            let def = try #require(ref.split(separator: "/").last.map(String.init))
            return try #require((root["$defs"] as? [String: Any])?[def] as? [String: Any], "no \(ref) in \(name)")
        }
        for step in path {
            node = try resolve(node)
            if step == "[]" {
                node = try #require(node["items"] as? [String: Any], "\(name): no items at \(path)")
            } else if let property = (node["properties"] as? [String: Any])?[step] as? [String: Any] {
                node = property
            } else {
                node = try #require((root["$defs"] as? [String: Any])?[step] as? [String: Any], "\(name): no \(step)")
            }
        }
        return try resolve(node)
    }

    static func keys(_ name: String, _ path: [String] = []) throws -> Set<String> {
        Set(((try object(name, path))["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
    }

    static func choices(_ name: String, _ path: [String]) throws -> Set<String> {
        var node = try object(name, path)
        if let items = node["items"] as? [String: Any] { node = items }
        return Set((node["enum"] as? [String]) ?? [])
    }

    @Test func everyKeyTheLoadersAcceptIsInTheSchemasAndTheReverse() throws {
        #expect(try Self.keys("outreach") == Set(ManifestLoader.keys))
        #expect(try Self.keys("outreach", ["material"]) == Set(ManifestLoader.materialKeys))
        #expect(try Self.keys("outreach", ["options"]) == Set(ManifestLoader.optionKeys))
        #expect(try Self.keys("outreach", ["format"]) == Set(ManifestLoader.formatKeys))
        #expect(try Self.keys("message") == Set(MessageFileReader.keys))
        #expect(try Self.keys("agencies", ["[]"]) == Set(ModelReader.agencyKeys))
        #expect(try Self.keys("contacts", ["[]"]) == Set(ModelReader.contactKeys))
        #expect(try Self.keys("partners", ["[]"]) == Set(ModelReader.partnerKeys))
        #expect(try Self.keys("partners", ["[]", "logo"]) == Set(ModelReader.logoKeys))
        #expect(try Self.keys("format") == Set(TemplateFormatDescriptor.keys))
        #expect(try Self.keys("format", ["warnWhen"]) == Set(TemplateFormatDescriptor.warnWhenKeys))
    }

    @Test func everyChoiceTheLoadersAcceptIsInTheSchemas() throws {
        let kinds = Set(Agency.Kind.allCases.map(\.rawValue))
        #expect(try Self.choices("agencies", ["[]", "kind"]) == kinds)
        #expect(try Self.choices("outreach", ["material", "agencyKinds"]) == kinds)
        #expect(try Self.choices("outreach", ["options", "paper"]) == Set(Paper.allCases.map(\.rawValue)))
        #expect(try Self.choices("outreach", ["material", "each"]) == Set(MaterialSpec.Each.allCases.map(\.rawValue)))
        #expect(try Self.choices("format", ["base"]) == Set(TemplateBase.allCases.map(\.rawValue)))
        #expect(try Self.choices("contacts", ["[]", "operatedBy", "kind"]) == Set(Contact.Operator.Kind.allCases.map(\.rawValue)))
    }

    /// The keys a loader names when it rejects an unknown one, for mappings whose keys are not a named list.
    static func keysNamedByTheLoader(file: String, replacing old: String, with new: String) async throws -> Set<String> {
        let kit = try Fixture.minimal()
        try kit.edit(file, replacing: old, with: new)
        let problems = await kit.problems()
        let hint = try #require(problems.first { $0.code == .unknownKey }?.hint, "\(problems)")
        let list = try #require(hint.range(of: "valid keys: ").map { hint[$0.upperBound...] })
        return Set(list.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '")) })
    }

    @Test func campaignKeysAgreeWithTheLoader() async throws {
        let campaign = try await Self.keysNamedByTheLoader(file: "content/campaign.yml", replacing: "locale: en", with: "locale: en\nzzz: 1")
        #expect(try Self.keys("campaign") == campaign)
        let audience = try await Self.keysNamedByTheLoader(file: "content/campaign.yml", replacing: "name: Public", with: "name: Public\n    zzz: 1")
        #expect(try Self.keys("campaign", ["audiences", "[]"]) == audience)
        for (key, sample) in [("keyFacts", "  keyFacts:\n    - {figure: '1', label: x, zzz: 1}"),
                              ("programs", "  programs:\n    - {name: x, summary: y, zzz: 1}")] {
            let loader = try await Self.keysNamedByTheLoader(file: "content/agencies.yml", replacing: "  role: Investigates trafficking.",
                                                             with: "  role: Investigates trafficking.\n" + sample)
            #expect(try Self.keys("agencies", ["[]", key, "[]"]) == loader, "\(key)")
        }
        for (key, sample) in [("otherPhones", "  otherPhones: [{label: x, number: '1', zzz: 1}]"),
                              ("text", "  text: {shortCode: '233733', zzz: 1}"),
                              ("operatedBy", "  operatedBy: {name: x, kind: government, zzz: 1}")] {
            let loader = try await Self.keysNamedByTheLoader(file: "content/contacts.yml", replacing: "  url: https://example.org",
                                                             with: "  url: https://example.org\n" + sample)
            let path = key == "otherPhones" ? ["[]", key, "[]"] : ["[]", key]
            #expect(try Self.keys("contacts", path) == loader, "\(key)")
        }
    }

    /// Runs `Scripts/validate-schemas.py` with the system's python3 and its jsonschema.
    static func validate(_ schema: String, _ files: [URL]) async throws -> (status: Int32, output: String) {
        let script = Repository.root.appendingPathComponent("Scripts/validate-schemas.py")
        let result = try await runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                                          ["python3", script.path, Repository.root.appendingPathComponent("Schemas/\(schema).schema.json").path]
                                          + files.map(\.path), in: Repository.root)
        return (result.status, result.stdout + result.stderr)
    }

    /// Every kit in the repository (and what `outreach init` writes) against the schema of each file kind.
    static func kitFiles(in root: URL) -> [(schema: String, files: [URL])] {
        func all(_ folder: String, _ suffix: String) -> [URL] {
            let url = root.appendingPathComponent(folder)
            return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
                .map { url.appendingPathComponent($0) }
        }
        return [("outreach", [root.appendingPathComponent("outreach.yml")]),
                ("campaign", [root.appendingPathComponent("content/campaign.yml")]),
                ("contacts", [root.appendingPathComponent("content/contacts.yml")]),
                ("agencies", [root.appendingPathComponent("content/agencies.yml")]),
                ("partners", [root.appendingPathComponent("content/partners.yml")]
                    .filter { FileManager.default.fileExists(atPath: $0.path) }),
                ("message", all("content/messages", ".md"))].filter { !$0.files.isEmpty }
    }

    @Test func theExampleKitsValidate() async throws {
        var groups = Self.kitFiles(in: Repository.example)
        #expect(groups.map(\.schema).contains("partners"), "the example kit has partners")
        groups.append(("outreach", [Repository.root.appendingPathComponent("Examples/custom-renderer/outreach.yml"),
                                    Repository.root.appendingPathComponent("Tests/Fixtures/plugin-package/outreach.yml")]))
        let formats = Repository.root.appendingPathComponent("Examples/formats")
        groups.append(("format", try FileManager.default.contentsOfDirectory(atPath: formats.path).sorted()
            .map { formats.appendingPathComponent("\($0)/format.yml") }))
        for (schema, files) in groups {
            #expect(!files.isEmpty)
            let result = try await Self.validate(schema, files)
            #expect(result.status == 0, "\(schema): \(result.output)")
        }
    }

    /// The check can fail: what the loader rejects, the schema rejects too.
    @Test func theSchemasRejectWhatTheLoaderRejects() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "layout: fact-sheet", with: "layout: fact-sheet\n    fromats: [html]")
        try kit.edit("content/agencies.yml", replacing: "kind: dhs-component", with: "kind: ministry")
        #expect(!(await kit.problems()).isEmpty)
        let manifest = try await Self.validate("outreach", [kit.manifest])
        #expect(manifest.status == 1 && manifest.output.contains("'fromats' was unexpected"), "\(manifest.output)")
        let agencies = try await Self.validate("agencies", [kit.url("content/agencies.yml")])
        #expect(agencies.status == 1 && agencies.output.contains("'ministry'"), "\(agencies.output)")
    }

    /// The DocC "Content model" article names every key of every schema.
    @Test func theContentModelArticleNamesEveryKey() throws {
        let article = try String(contentsOf: Repository.root.appendingPathComponent("Sources/OutreachKit/OutreachKit.docc/ContentModel.md"),
                                 encoding: .utf8)
        let objects: [(String, [String])] = [
            ("outreach", []), ("outreach", ["material"]), ("outreach", ["options"]), ("outreach", ["format"]),
            ("campaign", []), ("campaign", ["audiences", "[]"]), ("contacts", ["[]"]), ("agencies", ["[]"]),
            ("partners", ["[]"]), ("partners", ["[]", "logo"]),
            ("message", []), ("format", []),
        ]
        for (schema, path) in objects {
            for key in try Self.keys(schema, path).sorted() {
                #expect(article.contains("`\(key)`"), "the Content model article does not name \(schema) \(path) key '\(key)'")
            }
        }
        for schema in ["outreach", "campaign", "contacts", "agencies", "partners", "message", "format"] {
            #expect(article.contains("`Schemas/\(schema).schema.json`"))
        }
    }
}
