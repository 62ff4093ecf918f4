/// The text of the files `outreach init` writes, apart from the schemas and the workflow.
enum CampaignScaffoldText {
    static let manifest = """
        # yaml-language-server: $schema=schemas/outreach.schema.json
        # What to make. Run 'outreach generate' in this folder; see 'outreach --help'.
        version: 1
        content: content
        output: out
        defaults:
          locale: en
          paper: letter

        # Template formats: each folder in formats/ with a format.yml.
        # 'outreach new-format NAME --kind template' adds one.
        formats:
          - folder: formats

        materials:
          - id: handout
            layout: handout
            audience: public
            formats: [markdown, text, html]
            messages: [recognize-the-signs, how-to-report]

          - id: agency-roles
            layout: fact-sheet
            audience: public
            formats: [html]
            agencies: [example-agency]

          - id: card
            layout: handout
            audience: public
            formats: [card]
            messages: [how-to-report]

        """

    static let campaign = """
        # yaml-language-server: $schema=../schemas/campaign.schema.json
        name: Example Campaign
        summary: What the campaign is about, in a sentence or two.
        locale: en
        audiences:
          - id: public
            name: General public
        reportingContacts: [hotline]

        """

    static let contacts = """
        # yaml-language-server: $schema=../schemas/contacts.schema.json
        - id: hotline
          name: Example Hotline
          phone: 1-800-555-0100
          url: https://www.example.org/report
          hours: 24 hours a day, 7 days a week

        """

    static let agencies = """
        # yaml-language-server: $schema=../schemas/agencies.schema.json
        - id: example-agency
          name: Example Agency
          acronym: EA
          kind: agency
          role: |
            The Example Agency runs the campaign and answers the hotline.
          responsibilities:
            - Run public awareness campaigns
            - Answer reports
          contacts: [hotline]

        """

    static let signs = """
        ---
        # yaml-language-server: $schema=../../schemas/message.schema.json
        title: Recognize the signs
        audiences: [public]
        topics: [indicators]
        ---
        Write what people should look for here, in **CommonMark**.

        - A first sign
        - A second sign

        """

    static let report = """
        ---
        # yaml-language-server: $schema=../../schemas/message.schema.json
        title: How to report
        short: Call the Example Hotline at 1-800-555-0100.
        audiences: [public]
        topics: [reporting]
        ---
        Call the Example Hotline at 1-800-555-0100, any time, day or night.

        """

    static let gitignore = """
        # The materials, and outreach's own files inside them: the render
        # cache, the outputs' stamps on this machine, the run record and the
        # lock. To commit
        # the materials instead (so that CI checks them with
        # 'generate --check'), remove the first line.
        /out/
        .outreach-cache
        .outreach-state
        .outreach-run
        .outreach-lock

        """
}
