import Foundation

/// Decisions about link addresses that several renderers share.
enum LinkAddress {
    /// The schemes a rendered link may use; anything else is shown as plain text.
    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// The address to link to, or `nil` when it must not be a link.
    ///
    /// Browsers drop tabs and line breaks inside an address and trim spaces and
    /// control characters around it, so `java\tscript:` is `javascript:`; the
    /// check runs on the address as a browser would read it. Addresses without
    /// a scheme (relative paths, `#fragments`, `//host/path`) are allowed.
    static func safe(_ url: String) -> String? {
        let cleaned = cleanedForBrowser(url)
        guard let scheme = scheme(of: cleaned) else { return cleaned }
        return allowedSchemes.contains(scheme.lowercased()) ? cleaned : nil
    }

    /// The scheme of `url` (`https` in `https://a`), or `nil` for a relative address.
    static func scheme(of url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let candidate = url[..<colon]
        // A `/`, `?` or `#` before the colon makes it part of a relative path.
        guard let first = candidate.first, first.isASCII, first.isLetter else { return nil }
        let allowed = candidate.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
        return allowed ? String(candidate) : nil
    }

    /// `url` without tabs and line breaks, and trimmed of spaces and controls.
    static func cleanedForBrowser(_ url: String) -> String {
        let scalars = url.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        var text = Substring(String(String.UnicodeScalarView(scalars)))
        while let first = text.unicodeScalars.first, first.value <= 0x20 { text = text.dropFirst() }
        while let last = text.unicodeScalars.last, last.value <= 0x20 { text = text.dropLast() }
        return String(text)
    }

    /// Whether a link's text already shows its address, so the address need not be repeated.
    ///
    /// True when the text equals the address, or the address without its
    /// scheme (`https://`, `mailto:`, `tel:`), a leading `www.` or a trailing
    /// `/`; for `tel:` addresses, when the text is a phone number with the
    /// same digits, or the same digits less a country code.
    static func textShowsAddress(_ text: String, _ url: String) -> Bool {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return false }
        if text == url { return true }
        if url.lowercased().hasPrefix("tel:") {
            let urlDigits = url.filter { ("0"..."9").contains($0) }
            let textDigits = text.filter { ("0"..."9").contains($0) }
            // Letters mean a vanity number such as 1-866-DHS-2-ICE: not the same text.
            let onlyPhoneCharacters = text.allSatisfy { ("0"..."9").contains($0) || " +-.()".contains($0) }
            // The address may add a country code the printed number leaves out.
            let sameNumber = textDigits == urlDigits || (textDigits.count >= 7 && urlDigits.hasSuffix(textDigits))
            return onlyPhoneCharacters && !textDigits.isEmpty && sameNumber
        }
        return bare(text) == bare(url)
    }

    /// An address reduced to what people write: no scheme, no `www.`, no trailing `/`, lowercased.
    private static func bare(_ address: String) -> String {
        var rest = Substring(address.lowercased())
        if let scheme = scheme(of: String(rest)) {
            rest = rest.dropFirst(scheme.count + 1)
            while rest.hasPrefix("/") { rest = rest.dropFirst() }
        }
        if rest.hasPrefix("www.") { rest = rest.dropFirst(4) }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        return String(rest)
    }
}
