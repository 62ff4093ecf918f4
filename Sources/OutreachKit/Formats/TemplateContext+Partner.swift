/// `metadata.partner` in a template format's context: the partner of a partner's kit (`each: partner`).
struct PartnerContext: TemplateObject {
    let name: String
    /// "Distributed by NAME" in the document's locale.
    let line: String
    let logo: ImageContext?

    init(_ partner: DocumentPartner, metadata: DocumentMetadata, options: RenderOptions) {
        name = partner.name
        line = PageTemplateContext.partnerLine(partner, metadata: metadata)
        logo = partner.logo.map { ImageContext(src: options.relativeReference(to: $0.src), alt: $0.alt) }
    }
}

/// An image of the output folder, its path relative to the file being written.
struct ImageContext: TemplateObject {
    let src: String
    let alt: String
}
