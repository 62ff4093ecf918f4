import Foundation
import Testing
@testable import OutreachKit

/// Template formats: folders with a `format.yml` and Mustache templates.
@Suite(.hangGuard) struct TemplateFormatTests {
    static let examples = Repository.root.appendingPathComponent("Examples/formats")

    /// A format folder made of `files`, loaded; its diagnostics name it `formats/test`.
    static func load(_ files: [String: String]) throws(DiagnosticError) -> TemplateFormat {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outreach-format-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try? Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return try TemplateFormat.load(from: folder, displayPath: "formats/test")
    }

    static func descriptor(base: String = "text", extra: String = "") -> String {
        """
        name: test
        extension: txt
        mediaType: text/plain
        summary: A test format
        base: \(base)
        \(extra)
        """
    }

    /// The diagnostics loading `files` throws; records an issue when it loads.
    static func problems(_ files: [String: String]) -> [Diagnostic] {
        do {
            _ = try load(files)
            Issue.record("expected the format to fail to load")
            return []
        } catch {
            return error.diagnostics
        }
    }

    static let hotline = ContactCard(
        name: "Hotline", entries: [.init(label: "Call", value: "1-888-373-7888", url: "tel:+18883737888")],
        notes: [[.text("Run by Polaris.")]], id: "hotline",
        phone: .init(number: "1-888-373-7888", url: "tel:+18883737888"),
        textLine: .init(shortCode: "233733", keywords: ["HELP", "INFO"], url: "sms:233733?body=HELP"),
        tty: .init(number: "711", url: "tel:711"), operatedBy: .init(name: "Polaris", isNonGovernmental: true))
    static let tipLine = ContactCard(
        name: "Tip Line", entries: [.init(label: "Call", value: "1-866-347-2423", url: "tel:+18663472423")], id: "ice-line",
        phone: .init(number: "1-866-347-2423", url: "tel:+18663472423"))

    /// A document as a layout makes it: a message section, an agency section, and the reporting contacts.
    static let document = Document(
        metadata: DocumentMetadata(title: "Signs <& tips>", subtitle: "Test Campaign", locale: "en", material: "sheet",
                                   layout: "handout", campaignName: "Test Campaign", reportingContacts: ["ice-line", "hotline"]),
        blocks: [
            .paragraph([.text("Intro "), .strong([.text("bold")])]),
            .section(Section(
                subject: .message(PlacedMessage(id: "signs", locale: "en", title: "Signs", short: "Look for the signs.",
                                                audiences: ["public"])),
                blocks: [
                    .heading(level: 2, content: [.text("Signs")]),
                    .paragraph([.text("Watch for this.")]),
                    .heading(level: 3, content: [.text("Deeper")]),
                    .list(ordered: false, items: [[.paragraph([.text("one")])]]),
                ])),
            .section(Section(
                subject: .agency(PlacedAgency(id: "ice", name: "Immigration", acronym: "ICE", kind: "dhs-component")),
                blocks: [.heading(level: 2, content: [.text("Immigration (ICE)")]),
                         .paragraph([.text("Investigates "), .strong([.text("cases")]), .text(".")])])),
            .section(Section(subject: .reportingContacts, blocks: [
                .heading(level: 2, content: [.text("Report")]), .contactCard(hotline), .contactCard(tipLine),
            ])),
        ])

    static func render(_ format: TemplateFormat, document: Document = document, options: [String: JSONValue] = [:]) async throws -> String {
        let rendered = try await format.render(document, options: RenderOptions(formatOptions: options))
        return String(decoding: try #require(rendered.files.first).contents, as: UTF8.self)
    }

    // MARK: The descriptor and templates

    @Test func textBaseInsertsValuesUnescapedEvenInPartials() async throws {
        let format = try Self.load([
            "format.yml": Self.descriptor(),
            "page.mustache": "{{metadata.title}}\n{{>part}}\n",
            "part.mustache": "[{{metadata.title}}]\n",
        ])
        #expect(try await Self.render(format) == "Signs <& tips>\n[Signs <& tips>]\n")
    }

    @Test func htmlBaseEscapesValues() async throws {
        let format = try Self.load([
            "format.yml": Self.descriptor(base: "html"),
            "page.mustache": "<h1>{{metadata.title}}</h1>{{>part}}\n",
            "part.mustache": "<p>{{metadata.title}}</p>",
        ])
        #expect(try await Self.render(format) == "<h1>Signs &lt;&amp; tips&gt;</h1><p>Signs &lt;&amp; tips&gt;</p>\n")
    }

    @Test func theMainTemplateCanBeNamedAndEndsWithOneNewline() async throws {
        let format = try Self.load([
            "format.yml": Self.descriptor(extra: "template: main.mustache"),
            "main.mustache": "{{format.name}}.{{format.extension}} {{format.mediaType}} {{format.base}}\n\n\n  \n",
        ])
        #expect(try await Self.render(format) == "test.txt text/plain text\n")
        #expect(format.format == FormatDescriptor(name: "test", fileExtension: "txt", mediaType: "text/plain", summary: "A test format"))
    }

    @Test func blocksAreRenderedInTheBaseFormat() async throws {
        let template = "{{#document.blocks}}{{kind}}|{{level}}|{{#isHeading}}H{{/isHeading}}|{{{rendered}}}|{{text}}\n{{/document.blocks}}"
        let html = try await Self.render(try Self.load(["format.yml": Self.descriptor(base: "html"), "page.mustache": template]))
        #expect(html.contains("paragraph|||<p>Intro <strong>bold</strong></p>|Intro bold\n"))
        #expect(html.contains("heading|2|H|<h2>Signs</h2>|Signs\n"))
        #expect(html.contains("heading|3|H|<h3>Deeper</h3>|Deeper\n"))
        #expect(html.contains("contactCard|||<"))
        let markdown = try await Self.render(try Self.load(["format.yml": Self.descriptor(base: "markdown"), "page.mustache": template]))
        #expect(markdown.contains("paragraph|||Intro **bold**|Intro bold\n"))
        #expect(markdown.contains("heading|2|H|## Signs|Signs\n"))
        let text = try await Self.render(try Self.load(["format.yml": Self.descriptor(base: "text"), "page.mustache": template]))
        #expect(text.contains("heading|2|H|Signs\n-----|Signs\n"))
    }

    @Test func bodyIsWhatTheBaseRendererWrites() async throws {
        let format = try Self.load(["format.yml": Self.descriptor(base: "markdown"), "page.mustache": "{{{document.body}}}"])
        #expect(try await Self.render(format) == MarkdownBlockWriter.lines(for: Self.document.blocks).joined(separator: "\n") + "\n")
    }

    @Test func sectionsGroupBlocksAtLevelTwoHeadings() async throws {
        let format = try Self.load([
            "format.yml": Self.descriptor(base: "html"),
            "page.mustache": "{{#document.sections}}<{{{title}}}|{{titleText}}>{{{rendered}}}\n{{/document.sections}}",
        ])
        let output = try await Self.render(format)
        #expect(output.hasPrefix("<|><p>Intro <strong>bold</strong></p>\n<Signs|Signs><p>Watch for this.</p>\n<h3>Deeper</h3>\n<ul>\n"),
                "headings under a section keep their level")
        #expect(output.contains("</ul>\n<Immigration (ICE)|Immigration (ICE)><p>Investigates"))
        #expect(output.contains("</p>\n<Report|Report><section"))
        #expect(output.components(separatedBy: "|").count == 5, "three titled sections and one untitled")
    }

    @Test func documentMessagesComeFromTheSectionsTheLayoutPlaced() async throws {
        let format = try Self.load([
            "format.yml": Self.descriptor(),
            "page.mustache": """
                {{#campaign.messages}}{{id}}:{{title}}:{{#inDocument}}in{{/inDocument}}:{{sms.text}}:{{sms.characters}}:{{sms.encoding}}:{{sms.segments}}
                {{/campaign.messages}}--
                {{#document.messages}}{{id}}:{{locale}}:{{title}}:{{text}}
                {{/document.messages}}
                """,
        ])
        #expect(try await Self.render(format) == "signs:Signs:in:Look for the signs.:19:GSM-7:1\n--\nsigns:en:Signs:Watch for this.\n\nDeeper\n~~~~~~\n\n  - one\n")
    }

    /// Meaning comes from the section's id, never from heading text: a translated
    /// title, and a heading edited so it matches no title at all, still list the message.
    @Test func aTranslatedOrEditedTitleStillListsTheMessage() async throws {
        let format = try Self.load([
            "format.yml": Self.descriptor(),
            "page.mustache": "{{#document.messages}}{{id}}|{{title}}|{{sms.text}}\n{{/document.messages}}",
        ])
        var spanish = Self.document
        spanish.metadata.locale = "es"
        spanish.blocks = [.section(Section(
            subject: .message(PlacedMessage(id: "signs", locale: "es", title: "Señales de alerta")),
            blocks: [.heading(level: 2, content: [.text("Un encabezado cambiado a mano")]), .paragraph([.text("Mira.")])]))]
        #expect(try await Self.render(format, document: spanish) == "signs|Señales de alerta|Señales de alerta\n")
        var edited = Self.document
        edited.blocks = edited.blocks.map { block in
            guard case .section(var section) = block, case .message = section.subject else { return block }
            section.blocks[0] = .heading(level: 2, content: [.text("Signs (edited)")])
            return .section(section)
        }
        #expect(try await Self.render(format, document: edited) == "signs|Signs|Look for the signs.\n")
    }

    @Test func contactsAgenciesAndOptions() async throws {
        let format = try Self.load([
            "format.yml": Self.descriptor(base: "html"),
            "page.mustache": """
                {{campaign.name}}|{{metadata.campaignName}}
                {{#campaign.reportingContacts}}{{id}} {{tel}} {{#text}}{{#keywords}}{{.}}{{^last()}}/{{/last()}}{{/keywords}}@{{shortCode}} {{url}}{{/text}} {{#tty}}tty{{/tty}} {{#operatedBy.isNonGovernmental}}NGO {{operatedBy.name}}{{/operatedBy.isNonGovernmental}}
                {{/campaign.reportingContacts}}{{#campaign.agencies}}{{acronym}} {{kind}} {{{rendered}}}{{/campaign.agencies}}
                {{options.greeting}} {{options.count}} {{#options.loud}}!{{/options.loud}}
                """,
        ])
        let output = try await Self.render(format, options: ["greeting": .string("hi"), "count": .number(3), "loud": .bool(true)])
        #expect(output == """
            Test Campaign|Test Campaign
            ice-line tel:+18663472423
            hotline tel:+18883737888 HELP/INFO@233733 sms:233733?body=HELP tty NGO Polaris
            ICE dhs-component <h2>Immigration (ICE)</h2>
            <p>Investigates <strong>cases</strong>.</p>
            hi 3 !

            """)
    }

    @Test func renderingIsDeterministic() async throws {
        let folder = Self.examples.appendingPathComponent("wallet-card")
        let format = try Self.load([
            "format.yml": Self.descriptor(base: "html"),
            "page.mustache": try String(contentsOf: folder.appendingPathComponent("page.mustache"), encoding: .utf8),
            "contacts.mustache": try String(contentsOf: folder.appendingPathComponent("contacts.mustache"), encoding: .utf8),
        ])
        let first = try await Self.render(format)
        for _ in 0..<5 { #expect(try await Self.render(format) == first) }
    }

    // MARK: Broken formats

    @Test func aPartialThatIsNotThereIsAnErrorAtLoadInTheTemplate() async throws {
        let problems = Self.problems([
            "format.yml": Self.descriptor(),
            "page.mustache": "{{! a comment\n over lines }}\n{{#document.messages}}\n  {{>mesage}}\n{{/document.messages}}\n",
            "message.mustache": "{{id}}\n",
        ])
        let problem = try #require(problems.first { $0.code == .missingPartial }, "\(problems)")
        #expect(problem.severity == .error)
        #expect(problem.location == SourceLocation(file: "formats/test/page.mustache", line: 4, column: 3))
        #expect(problem.message.contains("'mesage'") && problem.hint?.contains("'message'") == true, "\(problem)")
    }

    @Test func aVariableNoContextValueIsNamedIsAWarningWithItsLocation() async throws {
        let format = try Self.load([
            "format.yml": Self.descriptor(),
            "page.mustache": """
                {{metadata.title}} {{options.anything.at.all}} {{#first()}}{{/first()}} {{uppercased(metadata.title)}}
                {{#document.messages}}{{sms.text}} {{titel}}{{/document.messages}}
                {{#campaign.reportingContacts}}{{#text}}{{url}}{{/text}}{{/campaign.reportingContacts}}
                """,
        ])
        #expect(format.warnings.count == 1, "\(format.warnings)")
        let warning = try #require(format.warnings.first)
        #expect(warning.code == .unknownTemplateVariable && warning.severity == .warning)
        #expect(warning.location == SourceLocation(file: "formats/test/page.mustache", line: 2, column: 36))
        #expect(warning.message.contains("'titel'"))
    }

    @Test func theExampleFormatsLoadWithoutWarnings() async throws {
        for name in ["sms", "wallet-card"] {
            let format = try TemplateFormat.load(from: Self.examples.appendingPathComponent(name), displayPath: name)
            #expect(format.warnings.isEmpty, "\(name): \(format.warnings)")
        }
    }

    @Test func mustacheSyntaxErrorIsReportedWithFileLineAndColumn() async throws {
        for base in ["text", "html"] {
            let problems = Self.problems([
                "format.yml": Self.descriptor(base: base),
                "page.mustache": "line one\n{{#document.blocks}}\n  {{kind}\n{{/document.blocks}}\n",
            ])
            let problem = try #require(problems.one(containing: "template syntax"))
            #expect(problem.location?.file == "formats/test/page.mustache")
            #expect(problem.location?.line == 3, "base \(base)")
            #expect(problem.code == .templateSyntax)
            #expect((problem.location?.column ?? 0) > 0)
        }
        let partial = Self.problems([
            "format.yml": Self.descriptor(),
            "page.mustache": "{{>entry}}\n",
            "entry.mustache": "{{#document.blocks}}\n{{/document.sections}}\n",
        ])
        #expect(partial.one(containing: "template syntax")?.location?.description.hasPrefix("formats/test/entry.mustache:2:") == true)
    }

    @Test func missingTemplateFileIsReportedAtItsKey() async throws {
        let named = Self.problems(["format.yml": Self.descriptor(extra: "template: main.mustache"), "page.mustache": "x"])
        let problem = try #require(named.one(containing: "missing template 'main.mustache'"))
        #expect(problem.location == SourceLocation(file: "formats/test/format.yml", line: 6, column: 11))
        #expect(problem.code == .missingTemplate)
        #expect(problem.hint?.contains("'page.mustache'") == true)

        let unnamed = Self.problems(["format.yml": Self.descriptor()])
        #expect(unnamed.one(containing: "missing template 'page.mustache'")?.location?.description == "formats/test/format.yml:1:1")
    }

    @Test func unknownKeyInTheDescriptorIsReportedWithItsLine() async throws {
        let problems = Self.problems([
            "format.yml": "name: test\nextension: txt\nmediaType: text/plain\nsummary: A test\nbse: text\n",
            "page.mustache": "x",
        ])
        let unknown = try #require(problems.one(containing: "unknown key 'bse'"))
        #expect(unknown.location == SourceLocation(file: "formats/test/format.yml", line: 5, column: 1))
        #expect(unknown.hint?.contains("did you mean 'base'?") == true)
        #expect(problems.one(containing: "missing required key 'base'")?.location?.file == "formats/test/format.yml")
    }

    @Test func badBaseNamesTheChoices() async throws {
        let problems = Self.problems(["format.yml": Self.descriptor(base: "pdf"), "page.mustache": "x"])
        let problem = try #require(problems.one(containing: "unknown base 'pdf'"))
        #expect(problem.location == SourceLocation(file: "formats/test/format.yml", line: 5, column: 7))
        #expect(problem.hint == "valid choices: 'html', 'markdown', 'text'")
    }

    @Test func everyProblemOfABrokenFormatIsReportedAtOnce() async {
        let problems = Self.problems([
            "format.yml": Self.descriptor(base: "pdf", extra: "template: main.mustache"),
            "page.mustache": "{{#a}}\n{{/b}}\n",
        ])
        #expect(problems.map(\.location?.description) == [
            "formats/test/format.yml:5:7", "formats/test/format.yml:6:11", "formats/test/page.mustache:2:4",
        ])
        #expect(problems.last?.message.contains("closes a section that is not the one open") == true)
    }

    @Test func badDescriptorValues() async {
        let problems = Self.problems([
            "format.yml": """
                name: Test Format
                extension: .txt
                mediaType: plain
                summary: A test
                base: text
                warnWhen: { smsSegmentsOver: 0, tooLong: 3 }
                """,
            "page.mustache": "x",
        ])
        #expect(problems.one(containing: "format name 'Test Format'")?.location?.line == 1)
        #expect(problems.one(containing: "extension '.txt'")?.location?.line == 2)
        #expect(problems.one(containing: "media type 'plain'")?.location?.line == 3)
        #expect(problems.one(containing: "media type 'plain'")?.code == .invalidMediaType)
        #expect(problems.one(containing: "'smsSegmentsOver' must be 1 or more")?.location?.line == 6)
        #expect(problems.one(containing: "unknown key 'tooLong'")?.location?.line == 6)
    }

    // MARK: Through the generator

    /// A minimal kit whose manifest uses both example formats, with a message too long for one SMS.
    static func kitUsingExamples() throws -> Fixture {
        let kit = try Fixture.minimal()
        try kit.write("outreach.yml", """
            version: 1
            content: content
            output: out
            formats:
              - folder: \(examples.path)
            materials:
              - id: sheet
                layout: handout
                formats: [sms, wallet-card]
            """)
        let long = String(repeating: "Look for the signs and report them. ", count: 5).trimmingCharacters(in: .whitespaces)
        try kit.edit("content/messages/signs.md", replacing: "title: Signs", with: "title: Signs\nshort: \(long)")
        return kit
    }

    @Test func generatesBothExampleFormatsAndWarnsAboutLongMessages() async throws {
        let kit = try Self.kitUsingExamples()
        let plan = try await kit.plan()
        _ = try OutputWriter().write(plan)
        #expect(Set(kit.outputTree().keys) == ["sheet.txt", "sheet.html"])

        let sms = try kit.read("out/sheet.txt")
        #expect(sms.hasPrefix("Text messages: Recognize and report human trafficking\nTest Campaign\n\n--- signs: Signs\nLook for the signs"))
        #expect(sms.contains("[179 characters, GSM-7, 2 segments]\nWARNING: takes 2 segments"))
        #expect(sms.hasSuffix("shorten it to fit one.\n"))

        let warning = try #require(plan.warnings.one(containing: "takes 2 SMS segments"))
        #expect(warning.severity == .warning)
        #expect(warning.code == .smsSegments)
        #expect(warning.message.hasPrefix("sheet.txt: the 'short' text of message 'signs'"))
        #expect(warning.location?.file == "content/messages/signs.md")

        let card = try kit.read("out/sheet.html")
        #expect(card.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\" data-paper=\"letter\" data-page-budget=\"1\">"))
        #expect(card.contains("<h2>Signs</h2>"))
        #expect(card.contains("<strong>Hotline</strong>"))
        #expect(card.contains("Call <a href=\"tel:+18883737888\">1-888-373-7888</a>"))
        #expect(card.hasSuffix("</html>\n") && !card.hasSuffix("\n\n"))
    }

    @Test func noWarningWhenEveryMessageFitsOneSegment() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "materials:", with: "formats:\n  - folder: \(Self.examples.path)\nmaterials:")
        try kit.edit("outreach.yml", replacing: "layout: fact-sheet", with: "layout: handout")
        try kit.edit("outreach.yml", replacing: "[markdown, text, html]", with: "[sms]")
        let plan = try await kit.plan()
        #expect(plan.warnings.isEmpty)
        let sms = String(decoding: try #require(plan.outputs.first).contents, as: UTF8.self)
        #expect(sms.contains("--- signs: Signs\nSigns\n[5 characters, GSM-7, 1 segment]\n"))
        #expect(!sms.contains("WARNING"))
    }

    @Test func userFolderIsFoundThroughOUTREACH_FORMATS_PATH() async throws {
        let kit = try Fixture.minimal()
        try kit.edit("outreach.yml", replacing: "[markdown, text, html]", with: "[sms]")
        await #expect(kit.problems().one(containing: "unknown format 'sms'") != nil, "without the user folder")
        let plan = try await kit.plan(environment: ["OUTREACH_FORMATS_PATH": "/nonexistent:" + Self.examples.path])
        #expect(plan.outputs.map(\.path) == ["sheet.txt"])
        #expect(plan.outputs.first?.format == "sms")
    }

    @Test func brokenFormatInTheManifestFolderStopsTheRun() async throws {
        let kit = try Fixture.minimal()
        try kit.write("formats/sms/format.yml", Self.descriptor(extra: "template: sms.mustache").replacingOccurrences(of: "name: test", with: "name: sms"))
        try kit.write("formats/sms/sms.mustache", "{{#document.messages}}\n{{id}}\n")
        try kit.edit("outreach.yml", replacing: "materials:", with: "formats:\n  - folder: formats\nmaterials:")
        try kit.edit("outreach.yml", replacing: "[markdown, text, html]", with: "[sms]")
        let problems = await kit.problems()
        let syntax = try #require(problems.one(containing: "template syntax"))
        #expect(syntax.location?.file == "formats/sms/sms.mustache")
        #expect(syntax.location?.line ?? 0 >= 1)
    }

    @Test func templateFormatNamedLikeABuiltInIsAnError() async throws {
        let kit = try Fixture.minimal()
        try kit.write("formats/html/format.yml", Self.descriptor().replacingOccurrences(of: "name: test", with: "name: html"))
        try kit.write("formats/html/page.mustache", "{{{document.body}}}\n")
        try kit.edit("outreach.yml", replacing: "materials:", with: "formats:\n  - folder: formats\nmaterials:")
        let problem = try await #require(kit.problems().one(containing: "has the name of a built-in format"))
        #expect(problem.location?.file == "formats/html/format.yml")
    }

    @Test func formatsCommandListsTemplateFormatsWithTheirFolder() async throws {
        let kit = try Fixture.minimal()
        try FileManager.default.copyItem(at: Self.examples, to: kit.url("formats"))
        try kit.edit("outreach.yml", replacing: "materials:", with: "formats:\n  - folder: formats\nmaterials:")
        let run = try await CommandLineTests.run(["formats"], in: kit.root, environment: ["OUTREACH_FORMATS_PATH": "/nonexistent"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let sms = try #require(lines.first { $0.hasPrefix("sms ") })
        #expect(sms.contains(".txt") && sms.contains("template (formats/sms)") && sms.contains("Text messages"))
        #expect(lines.contains { $0.hasPrefix("wallet-card ") && $0.contains("template (formats/wallet-card)") })

        let json = try await CommandLineTests.run(["formats", "--json"], in: kit.root, environment: ["OUTREACH_FORMATS_PATH": "/nonexistent"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]])
        let card = try #require(list.first { $0["name"] == "wallet-card" })
        #expect(card["source"] == "template")
        #expect(card["folder"] == "formats/wallet-card")
        #expect(card["extension"] == "html")
    }
}

/// The example template formats on the Blue Campaign kit, byte for byte, against files under `Golden/formats/`.
///
/// After a deliberate change, re-record with `OUTREACH_RECORD_GOLDEN=1 swift test --filter TemplateFormatGoldenTests`
/// and review the diff by eye before committing it; a recording run fails, naming each file it rewrote.
@Suite struct TemplateFormatGoldenTests {
    static let folder = Repository.golden.appendingPathComponent("formats")

    /// The Blue Campaign's two main materials in both example formats.
    static func outputs() async throws -> [PlannedOutput] {
        let kit = try Fixture(copyingExample: false)
        try kit.write("outreach.yml", """
            version: 1
            content: \(Repository.example.appendingPathComponent("content").path)
            output: out
            outputPattern: "{material}.{format}.{ext}"
            formats:
              - folder: \(TemplateFormatTests.examples.path)
            materials:
              - id: government-roles
                layout: fact-sheet
                title: Government roles in combating human trafficking
                audience: public
                formats: [sms, wallet-card]
                messages: [everyone-has-a-role, immigration-relief]
                agencies: [ice, uscis, fletc, cbp, uscg, tsa, fema, pitf]
              - id: recognize-and-report
                layout: handout
                audience: public
                formats: [sms, wallet-card]
                messages: [recognize-the-signs, how-to-report]
            """)
        return try await kit.plan(environment: ["SOURCE_DATE_EPOCH": "1767225600", "OUTREACH_FORMATS_PATH": "/nonexistent"]).outputs
    }

    @Test func everyOutputMatchesItsGoldenFile() async throws {
        let outputs = try await Self.outputs()
        #expect(outputs.map(\.path) == [
            "government-roles.sms.txt", "government-roles.wallet-card.html",
            "recognize-and-report.sms.txt", "recognize-and-report.wallet-card.html",
        ])
        for output in outputs {
            try GoldenFile.check(output.contents, against: Self.folder.appendingPathComponent(output.path))
        }
    }
}
