import Foundation

/// A tiny, valid kit whose line numbers tests can rely on.
enum MinimalKit {
    static let manifest = """
        version: 1
        content: content
        output: out
        materials:
          - id: sheet
            layout: fact-sheet
            formats: [markdown, text, html]
        """

    static let campaign = """
        name: Test Campaign
        summary: A test campaign.
        locale: en
        audiences:
          - id: public
            name: Public
        reportingContacts: [hotline]
        """

    static let contacts = """
        - id: hotline
          name: Hotline
          phone: 1-888-373-7888
          url: https://example.org
        """

    static let agencies = """
        - id: ice
          name: Immigration and Customs Enforcement
          acronym: ICE
          kind: dhs-component
          role: Investigates trafficking.
        """

    static let message = """
        ---
        title: Signs
        audiences: [public]
        topics: [indicators]
        ---
        Body text.
        """
}

extension Fixture {
    /// A fixture holding ``MinimalKit``.
    static func minimal() throws -> Fixture {
        let fixture = try Fixture(copyingExample: false)
        try fixture.write("outreach.yml", MinimalKit.manifest)
        try fixture.write("content/campaign.yml", MinimalKit.campaign)
        try fixture.write("content/contacts.yml", MinimalKit.contacts)
        try fixture.write("content/agencies.yml", MinimalKit.agencies)
        try fixture.write("content/messages/signs.md", MinimalKit.message)
        return fixture
    }
}
