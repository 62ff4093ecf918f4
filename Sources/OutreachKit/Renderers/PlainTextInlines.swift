import Foundation

/// Flattens inlines to plain text: no markup, links as `text (address)`.
struct PlainTextInlines {
    /// Whether to fold characters to ASCII (keeping non-breaking spaces for the wrapper).
    var asciiOnly: Bool

    /// The inlines as text, `\n` where a hard break is.
    func text(_ inlines: [Inline]) -> String {
        var result = ""
        for inline in inlines { append(inline, to: &result) }
        return result
    }

    /// A string as it goes into the output: line breaks and tabs made spaces,
    /// other control characters dropped, folded to ASCII when asked.
    func clean(_ text: String) -> String { clean(text, folding: asciiOnly) }

    private func clean(_ text: String, folding: Bool) -> String {
        // Printable ASCII, the usual case, needs no change at all.
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return text }
        var result = ""
        for character in text {
            if character.isNewline || character == "\t" {
                result.append(" ")
            } else if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) {
                result.append(character)
            }
        }
        return folding ? ASCIIFolding.fold(result, keepingNonBreakingSpaces: true) : result
    }

    /// `text (address)`, or the text alone when it already shows the address,
    /// the address only points inside the page, or its scheme is not allowed.
    func link(text: String, url: String) -> String {
        let shown = text.trimmedOfWhitespace
        guard let safe = LinkAddress.safe(url), !safe.hasPrefix("#") else { return text }
        if LinkAddress.textShowsAddress(shown, safe) { return text }
        // Folding an address to ASCII would point it at another page (español → espanol):
        // ASCII-only text percent-encodes it instead, as a browser would.
        let address = asciiOnly ? Self.percentEncodingNonASCII(clean(safe, folding: false)) : clean(safe)
        if address.isEmpty { return text }
        return shown.isEmpty ? address : "\(text) (\(address))"
    }

    /// The address with each character outside ASCII written as `%XX` escapes of its UTF-8 bytes.
    static func percentEncodingNonASCII(_ address: String) -> String {
        guard !address.utf8.allSatisfy({ $0 < 0x80 }) else { return address }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in address.utf8 {
            if byte < 0x80 {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func append(_ inline: Inline, to result: inout String) {
        switch inline {
        case .text(let text), .code(let text):
            result += clean(text)
        case .emphasis(let content), .strong(let content):
            for child in content { append(child, to: &result) }
        case .link(let url, let content):
            result += link(text: text(content), url: url)
        case .lineBreak:
            result += "\n"
        case .softBreak:
            result += " "
        }
    }
}
