import Foundation

extension Document {
    /// The SHA-256 of a canonical encoding of the whole document: every
    /// metadata field and every node, each with its kind, its lengths and its
    /// fields, so two documents that differ in any way, shape included, differ.
    var digest: ContentDigest {
        var digest = ContentDigest()
        metadata.digest(into: &digest)
        blocks.digest(into: &digest)
        return digest
    }
}

extension DocumentMetadata {
    func digest(into digest: inout ContentDigest) {
        digest.add(title)
        digest.add(subtitle)
        digest.add(locale)
        digest.add(audience)
        digest.add(date)
        digest.add(sourceNote)
        digest.add(material)
        digest.add(layout)
        digest.add(campaignName)
        digest.add(strings: reportingContacts)
        digest.add(pageBudget ?? 0)
        digest.add(digestBytes: CatalogDigests.shared.digest(of: strings))
        digest.add(dateText)
    }
}

/// The digests of the few string catalogs a run's documents carry, each taken once: every
/// page of a locale holds the same table, which compares equal to the one kept at once.
private final class CatalogDigests: @unchecked Sendable {
    static let shared = CatalogDigests()
    private let lock = NSLock()
    private var known: [(strings: [String: String], digest: [UInt8])] = []
    private static let limit = 64

    func digest(of strings: [String: String]) -> [UInt8] {
        if let digest = lock.withLock({ known.first { $0.strings == strings }?.digest }) { return digest }
        var digest = ContentDigest()
        digest.add(strings: strings.keys.sorted().flatMap { [$0, strings[$0] ?? ""] })
        let bytes = digest.bytes
        lock.withLock {
            if known.count >= Self.limit { known.removeFirst() }
            known.append((strings, bytes))
        }
        return bytes
    }
}

extension Array where Element == Block {
    func digest(into digest: inout ContentDigest) {
        digest.add(tag: 0x42, count: count)
        for block in self { block.digest(into: &digest) }
    }
}

extension Array where Element == Inline {
    func digest(into digest: inout ContentDigest) {
        digest.add(tag: 0x49, count: count)
        for inline in self { inline.digest(into: &digest) }
    }
}

extension ContentDigest {
    mutating func add(strings: [String]) {
        add(tag: 0x53, count: strings.count)
        for string in strings { add(string) }
    }

    mutating func add(kind: String) { add(kind) }
}

extension Block {
    func digest(into digest: inout ContentDigest) {
        switch self {
        case .heading(let level, let content):
            digest.add(kind: "heading")
            digest.add(level)
            content.digest(into: &digest)
        case .paragraph(let content):
            digest.add(kind: "paragraph")
            content.digest(into: &digest)
        case .list(let ordered, let items):
            digest.add(kind: "list")
            digest.add(ordered)
            digest.add(tag: 0x4c, count: items.count)
            for item in items { item.digest(into: &digest) }
        case .quote(let blocks):
            digest.add(kind: "quote")
            blocks.digest(into: &digest)
        case .code(let text):
            digest.add(kind: "code")
            digest.add(text)
        case .table(let header, let rows):
            digest.add(kind: "table")
            digest.add(tag: 0x52, count: header.count)
            for cell in header { cell.digest(into: &digest) }
            digest.add(tag: 0x52, count: rows.count)
            for row in rows {
                digest.add(tag: 0x43, count: row.count)
                for cell in row { cell.digest(into: &digest) }
            }
        case .callout(let callout):
            digest.add(kind: "callout")
            digest.add(callout.kind.rawValue)
            digest.add(callout.title)
            callout.blocks.digest(into: &digest)
        case .contactCard(let card):
            digest.add(kind: "contactCard")
            card.digest(into: &digest)
        case .factList(let facts):
            digest.add(kind: "factList")
            digest.add(tag: 0x46, count: facts.count)
            for fact in facts {
                digest.add(fact.figure)
                fact.label.digest(into: &digest)
            }
        case .thematicBreak:
            digest.add(kind: "thematicBreak")
        case .section(let section):
            digest.add(kind: "section")
            // The section's own digest, so a shared section is hashed once for every page that places it.
            guard let share = section.share else {
                digest.add(digestBytes: section.digest)
                return
            }
            digest.add(digestBytes: share.value(for: SectionDigestKey()) { section.digest })
        }
    }
}

/// The key of a shared section's digest.
private struct SectionDigestKey: SectionShareKey {
    typealias Value = [UInt8]
}

extension Section {
    /// The SHA-256 of the section's subject and blocks.
    var digest: [UInt8] {
        var digest = ContentDigest()
        switch subject {
        case .message(let message):
            digest.add(kind: "message")
            digest.add(message.id)
            digest.add(message.locale)
            digest.add(message.title)
            digest.add(message.short)
            digest.add(strings: message.audiences)
            digest.add(strings: message.topics)
            digest.add(strings: message.agencies)
            // Not `source`: it names the file as the command line named the manifest,
            // and it only locates diagnostics; an output whose render had any is never cached.
        case .agency(let agency):
            digest.add(kind: "agency")
            digest.add(agency.id)
            digest.add(agency.name)
            digest.add(agency.acronym)
            digest.add(agency.kind)
            digest.add(agency.parent)
            digest.add(strings: agency.memberOf)
            digest.add(strings: agency.contacts)
            digest.add(agency.learnMore)
        case .reportingContacts:
            digest.add(kind: "reportingContacts")
        }
        blocks.digest(into: &digest)
        return digest.bytes
    }
}

extension ContactCard {
    func digest(into digest: inout ContentDigest) {
        digest.add(name)
        digest.add(tag: 0x45, count: entries.count)
        for entry in entries {
            digest.add(entry.label)
            digest.add(entry.value)
            digest.add(entry.url)
        }
        digest.add(tag: 0x4e, count: notes.count)
        for note in notes { note.digest(into: &digest) }
        digest.add(id)
        func add(_ phone: Phone?) {
            digest.add(phone != nil)
            guard let phone else { return }
            digest.add(phone.label)
            digest.add(phone.number)
            digest.add(phone.url)
        }
        add(phone)
        digest.add(tag: 0x50, count: otherPhones.count)
        otherPhones.forEach(add)
        digest.add(textLine != nil)
        if let textLine {
            digest.add(textLine.shortCode)
            digest.add(strings: textLine.keywords)
            digest.add(textLine.url)
        }
        add(tty)
        digest.add(website?.url)
        digest.add(website?.display)
        digest.add(hours)
        digest.add(languages)
        digest.add(operatedBy?.name)
        digest.add(operatedBy?.isNonGovernmental ?? false)
        digest.add(note != nil)
        note?.digest(into: &digest)
        digest.add(qrTarget)
    }
}

extension Inline {
    func digest(into digest: inout ContentDigest) {
        switch self {
        case .text(let text):
            digest.add(kind: "text")
            digest.add(text)
        case .code(let text):
            digest.add(kind: "code")
            digest.add(text)
        case .emphasis(let content):
            digest.add(kind: "emphasis")
            content.digest(into: &digest)
        case .strong(let content):
            digest.add(kind: "strong")
            content.digest(into: &digest)
        case .link(let url, let content):
            digest.add(kind: "link")
            digest.add(url)
            content.digest(into: &digest)
        case .lineBreak:
            digest.add(kind: "lineBreak")
        case .softBreak:
            digest.add(kind: "softBreak")
        }
    }
}
