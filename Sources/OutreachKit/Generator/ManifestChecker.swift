import Foundation

/// Checks a manifest against what outreach knows (layouts, formats) and
/// against the content (agencies, messages, audiences, locales).
struct ManifestChecker {
    let manifest: Manifest
    let registry: RendererRegistry
    let layouts: LayoutRegistry
    let sink: DiagnosticSink

    func checkNames(filters: GenerateFilters) {
        // Most materials share an output pattern: one found sound is not checked again for the next.
        var lastSound: (pattern: String, each: MaterialSpec.Each?)?
        for material in manifest.materials {
            if layouts.layout(named: material.layout) == nil {
                sink.error(.unknownLayout, "unknown layout \(quoted(material.layout)) in material \(quoted(material.id))",
                           at: material.location("layout"), hint: "available: \(quotedList(layouts.names))")
            }
            for (index, format) in material.formats.enumerated() where registry.renderer(named: format) == nil {
                sink.error(.unknownFormat, "unknown format \(quoted(format)) in material \(quoted(material.id))",
                           at: material.location("formats.\(index)"), hint: "available: \(quotedList(registry.names))")
            }
            let key = material.output != nil ? "output" : "id"
            let pattern = material.output ?? manifest.outputPattern ?? OutputPattern.defaultPattern(for: material.each)
            if let lastSound, lastSound.each == material.each, lastSound.pattern == pattern { continue }
            let problems = OutputPattern(text: pattern).problems(fansOut: material.each)
            // Asked for only when there is a problem: a material's locations can be read again to answer.
            guard !problems.isEmpty else {
                lastSound = (pattern, material.each)
                continue
            }
            let at = material.output != nil ? material.location(key) : manifest.locations["outputPattern"] ?? material.location(key)
            for problem in problems {
                sink.error(problem.code, problem.message, at: at, hint: problem.hint)
            }
        }
        // Listed only for a run given --material: 1.6 MB at 100,000 materials.
        let ids = filters.materials.isEmpty ? [] : manifest.materials.map(\.id)
        for name in filters.materials where !ids.contains(name) {
            sink.error(.unknownMaterialFilter, "unknown material \(quoted(name)) given to --material", at: nil, hint: "materials in \(manifest.file): \(quotedList(ids))")
        }
        for name in filters.formats where registry.renderer(named: name) == nil {
            sink.error(.unknownFormatFilter, "unknown format \(quoted(name)) given to --format", at: nil, hint: "available: \(quotedList(registry.names))")
        }
    }

    /// The manifest's templates, or the built-in ones; problems are reported.
    func templates() -> TemplateSet {
        guard let folder = manifest.templates else { return .builtIn }
        do {
            return try TemplateSet.overriding(with: manifest.resolve(folder), displayPath: manifest.relative(folder))
        } catch {
            for diagnostic in error.diagnostics {
                var diagnostic = diagnostic
                if diagnostic.code == .templatesFolderUnreadable {
                    diagnostic.location = manifest.locations["templates"]
                }
                sink.report(diagnostic)
            }
            return .builtIn
        }
    }

    /// The date printed in materials: the manifest's, else `SOURCE_DATE_EPOCH`'s, else none.
    func date(environment: [String: String]) -> String? {
        if let date = manifest.date { return date }
        guard let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty else { return nil }
        guard let seconds = Int(epoch) else {
            sink.error(.invalidSourceDateEpoch, "SOURCE_DATE_EPOCH \(quoted(epoch)) is not a whole number of seconds", at: nil)
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    func checkReferences(_ campaign: Campaign) {
        let agencyIDs = campaign.agencies.map(\.id)
        let messageIDs = Array(Set(campaign.messages.map(\.id)))
        let topics = Array(Set(campaign.messages.flatMap(\.topics)))
        let audienceIDs = campaign.audiences.map(\.id)
        for material in manifest.materials {
            check(material.agencies, key: "agencies", kind: "agency", valid: agencyIDs, in: material)
            check(material.messages, key: "messages", kind: "message", valid: messageIDs, in: material)
            check(material.topics, key: "topics", kind: "topic", valid: topics, in: material)
            check(material.partners, key: "partners", kind: "partner", valid: campaign.partners.map(\.id), in: material)
            if !material.partners.isEmpty && material.each != .partner {
                sink.error(.partnersWithoutEach, "material \(quoted(material.id)) lists 'partners' but has no 'each: partner'",
                           at: material.location("partners"), hint: "add 'each: partner', or remove 'partners'")
            }
            if let audience = material.audience, !audienceIDs.contains(audience) {
                sink.error(.unknownReference, "unknown audience \(quoted(audience)) in material \(quoted(material.id))",
                           at: material.location("audience"), hint: "audiences in campaign.yml: \(quotedList(audienceIDs))")
            }
            let locale = material.options.locale ?? manifest.defaults.locale
            if let locale, !campaign.locales.contains(locale) {
                let at = material.options.locale != nil ? material.location("options") : manifest.locations["defaults"]
                sink.error(.unknownLocale, "unknown locale \(quoted(locale))", at: at, hint: "locales in campaign.yml: \(quotedList(campaign.locales))")
            }
            for (index, locale) in material.locales.enumerated() where !campaign.locales.contains(locale) {
                sink.error(.unknownLocale, "unknown locale \(quoted(locale)) in material \(quoted(material.id))",
                           at: material.location("locales.\(index)"), hint: "locales in campaign.yml: \(quotedList(campaign.locales))")
            }
        }
        for (index, locale) in manifest.locales.enumerated() where !campaign.locales.contains(locale) {
            sink.error(.unknownLocale, "unknown locale \(quoted(locale))", at: manifest.locations["locales.\(index)"],
                       hint: "locales in campaign.yml: \(quotedList(campaign.locales))")
        }
        if let fallback = manifest.fallback, !campaign.locales.contains(fallback) {
            sink.error(.unknownLocale, "unknown fallback locale \(quoted(fallback))", at: manifest.locations["fallback"],
                       hint: "locales in campaign.yml: \(quotedList(campaign.locales))")
        }
    }

    /// Reports each material locale with no string catalog, at the manifest's locale setting.
    func checkCatalogs(_ templates: TemplateSet, defaultLocale: String) {
        var reported: Set<String> = []
        for material in manifest.materials {
            let own = material.options.locale ?? manifest.defaults.locale ?? defaultLocale
            let locales = !material.locales.isEmpty ? material.locales : !manifest.locales.isEmpty ? manifest.locales : [own]
            for (index, locale) in locales.enumerated() where !templates.strings.has(locale) && !reported.contains(locale) {
                reported.insert(locale)
                let at = !material.locales.isEmpty ? material.location("locales.\(index)")
                    : !manifest.locales.isEmpty ? manifest.locations["locales.\(index)"]
                    : material.options.locale != nil ? material.location("options") : manifest.locations["defaults"] ?? material.location("id")
                sink.error(.missingCatalog, "no string catalog for locale \(quoted(locale)); outreach's own words would stay English",
                           at: at, hint: "add strings/\(locale).yml to the templates folder; catalogs: \(quotedList(templates.strings.locales))")
            }
        }
    }

    private func check(_ names: [String], key: String, kind: String, valid: [String], in material: MaterialSpec) {
        for (index, name) in names.enumerated() where !valid.contains(name) {
            var hint = "known \(kind) ids: \(quotedList(valid))"
            if let near = closestMatch(to: name, in: valid) { hint = "did you mean '\(near)'? " + hint }
            sink.error(.unknownReference, "unknown \(kind) \(quoted(name)) in material \(quoted(material.id))",
                       at: material.location("\(key).\(index)"), hint: hint)
        }
    }
}
