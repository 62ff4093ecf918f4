/// A local organization that hands out the campaign's materials under its own
/// name: its kit (`each: partner`) carries its contacts next to the campaign's
/// own reporting contacts, and its logo where the layout has a place for one.
package struct Partner: Sendable, Codable, Hashable {
    /// A logo: an image in the manifest's assets folder, with its alt text.
    package struct Logo: Sendable, Codable, Hashable {
        /// The image's path in the output folder, such as `assets/partners/example.svg`.
        package var src: String
        /// What the image shows, for people who cannot see it (WCAG 1.1.1).
        package var alt: LocalizedText
        /// Where `src` was written, for diagnostics about the file.
        package var location: SourceLocation?

        /// Creates a logo.
        package init(src: String, alt: LocalizedText, location: SourceLocation? = nil) {
            self.src = src
            self.alt = alt
            self.location = location
        }
    }

    /// A short id such as `example-city-coalition`, used in output paths as `{partner}`.
    package var id: String
    /// The partner's name.
    package var name: LocalizedText
    /// The locales its kit is made in; empty for every locale the material is made in.
    package var locales: [String]
    /// Ids of its own contacts (in `contacts.yml`), placed after the campaign's first reporting contact.
    package var contacts: [String]
    /// Its logo, if it has one.
    package var logo: Logo?

    /// Creates a partner.
    package init(id: String, name: LocalizedText, locales: [String] = [], contacts: [String] = [], logo: Logo? = nil) {
        self.id = id
        self.name = name
        self.locales = locales
        self.contacts = contacts
        self.logo = logo
    }
}
