import Foundation

/// A generated kit: campaign, contacts, agencies, messages and a manifest of
/// materials cycling through the three layouts, each in all three formats.
struct SyntheticKit {
    let settings: Settings

    func write(to root: URL) throws {
        let content = root.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("messages"), withIntermediateDirectories: true)
        try save(campaign, content.appendingPathComponent("campaign.yml"))
        try save(contacts, content.appendingPathComponent("contacts.yml"))
        try save(agencies, content.appendingPathComponent("agencies.yml"))
        for index in 0..<settings.messages {
            try save(message(index), content.appendingPathComponent("messages/message-\(index).md"))
        }
        if settings.bodyMegabytes > 0 { try writeLargeMessage(content.appendingPathComponent("messages/message-0.md")) }
        try save(manifest, root.appendingPathComponent("outreach.yml"))
    }

    /// Message 0 with a body of `bodyMegabytes` MB, written in pieces so the bench itself holds little of it.
    private func writeLargeMessage(_ url: URL) throws {
        let whole = message(0)
        guard let frontMatterEnd = whole.range(of: "---\n", options: .backwards) else { return }
        let body = String(whole[frontMatterEnd.upperBound...]) + "\n"
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(whole.utf8))
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        let chunk = Data(String(repeating: body, count: max(1, 65536 / body.utf8.count)).utf8)
        var written = 0
        while written < settings.bodyMegabytes * 1_000_000 {
            try handle.write(contentsOf: chunk)
            written += chunk.count
        }
    }

    private func save(_ text: String, _ url: URL) throws { try Data(text.utf8).write(to: url) }

    private var campaign: String {
        """
        name: Synthetic Campaign
        summary: |
          A generated campaign for measuring outreach. It has *emphasis*, **strong text** and a
          [link to the campaign](https://www.dhs.gov/blue-campaign).
        locale: en
        audiences:
          - id: public
            name: General public
        reportingContacts: [hotline, tip-line]

        """
    }

    private var contacts: String {
        """
        - id: hotline
          name: Test Hotline
          phone: 1-888-373-7888
          text: { shortCode: "233733", keywords: [HELP, INFO] }
          tty: "711"
          url: https://example.org/hotline
          hours: Every hour of every day
          operatedBy: { name: A Nonprofit, kind: non-governmental }
          note: Calls are *confidential*.
        - id: tip-line
          name: Test Tip Line
          phone: 1-866-347-2423
          url: https://example.gov/tips
          operatedBy: { name: An Agency, kind: government }

        """
    }

    private var agencies: String {
        (0..<settings.agencies).map { index in
            """
            - id: agency-\(index)
              name: Agency Number \(index)
              acronym: A\(index)
              kind: \(index % 2 == 0 ? "dhs-component" : "department")
              role: |
                Agency \(index) works to **recognize and report** trafficking across its mission. It trains staff,
                supports victims and works with partners. See [its work](https://example.gov/agency-\(index)).
              responsibilities:
                - Investigates cases in its area of work.
                - Trains its people to spot the *signs*.
                - Works with non-governmental organizations.
              keyFacts:
                - { figure: "\(index * 100 + 7)", label: "staff trained this year", source: "Synthetic data" }
                - { figure: "\(index + 3)", label: "regional offices" }
              programs:
                - name: Program \(index)
                  summary: A course on trafficking indicators for routine duties.
                  url: https://example.gov/agency-\(index)/course
              learnMore: https://example.gov/agency-\(index)
              contacts: [tip-line]
            """
        }.joined(separator: "\n") + "\n"
    }

    private func message(_ index: Int) -> String {
        """
        ---
        title: Message \(index)
        audiences: [public]
        topics: [topic-\(index % 5)]
        agencies: [agency-\(index % settings.agencies)]
        ---
        This is message \(index). It explains one thing in *plain* language, with a
        [descriptive link](https://example.org/\(index)) and `a code span`.

        - First point about the signs of trafficking that wraps onto a second line when it is long enough.
        - Second point.
        - Third point, with **strong** text.

        ## A short sub-section

        > A quotation that matters to the message.

        One more paragraph to end the message with a sentence or two of ordinary length.

        """
    }

    private var manifest: String {
        let layouts = ["fact-sheet", "handout", "agency-profile"]
        var text = "version: 1\ncontent: content\noutput: out\nmaterials:\n"
        for index in 0..<settings.materials {
            let first = index % settings.agencies
            let second = (index + 1) % settings.agencies
            text += """
              - id: material-\(index)
                layout: \(layouts[index % 3])
                formats: [markdown, text, html]
                agencies: [agency-\(first), agency-\(second)]
                topics: [topic-\(index % 5)]

            """
        }
        return text
    }
}
