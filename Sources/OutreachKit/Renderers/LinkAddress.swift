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
        if url.isSingleByteText { return asciiScheme(of: url) }
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let candidate = url[..<colon]
        // A `/`, `?` or `#` before the colon makes it part of a relative path.
        guard let first = candidate.first, first.isASCII, first.isLetter else { return nil }
        let allowed = candidate.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
        return allowed ? String(candidate) : nil
    }

    /// ``scheme(of:)`` for an address whose every byte is one character.
    private static func asciiScheme(of url: String) -> String? {
        let bytes = url.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), let first = bytes.first, isASCIILetter(first) else { return nil }
        let allowed = bytes[..<colon].allSatisfy { byte in
            isASCIILetter(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        return allowed ? String(url[..<colon]) : nil
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// `url` without tabs and line breaks, and trimmed of spaces and controls.
    static func cleanedForBrowser(_ url: String) -> String {
        // Most addresses have nothing to remove: no tab or line break, and no space or control at either end.
        if let first = url.utf8.first, first > 0x20, let last = url.utf8.last, last > 0x20,
           !url.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return url
        }
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
        let text = text.trimmedOfWhitespace
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
        let lowered = address.lowercased()
        if lowered.isSingleByteText { return bareASCII(lowered) }
        var rest = Substring(lowered)
        if let scheme = scheme(of: String(rest)) {
            rest = rest.dropFirst(scheme.count + 1)
            while rest.hasPrefix("/") { rest = rest.dropFirst() }
        }
        if rest.hasPrefix("www.") { rest = rest.dropFirst(4) }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        return String(rest)
    }

    /// ``bare(_:)`` for a lowercased address whose every byte is one character.
    private static func bareASCII(_ lowered: String) -> String {
        let bytes = Array(lowered.utf8)
        var start = 0
        var end = bytes.count
        if let scheme = asciiScheme(of: lowered) {
            start = scheme.utf8.count + 1
            while start < end, bytes[start] == UInt8(ascii: "/") { start += 1 }
        }
        if end - start >= 4, bytes[start..<start + 4].elementsEqual("www.".utf8) { start += 4 }
        while end > start, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
