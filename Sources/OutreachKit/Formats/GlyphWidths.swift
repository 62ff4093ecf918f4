/// The advance widths of the font a printed card is set in, to measure a line
/// of text before a browser lays it out: Liberation Sans, which headless
/// Chromium prints "Helvetica Neue, Helvetica, Arial, sans-serif" with on
/// Debian, and whose widths are Arial's and Helvetica's. The tables cover
/// Latin, general punctuation and currency signs and are generated
/// (`Scripts/generate-glyph-widths`) from the font's files.
enum GlyphWidths {
    /// A character the tables do not have, in thousandths of an em: wider than
    /// any Latin lowercase letter but `m` and `w`, so a line is not under-measured.
    static let fallback = 667.0

    /// The width of one scalar in thousandths of an em: from the tables; a full em
    /// for East Asian wide characters; nothing for combining marks and format characters.
    static func width(of scalar: Unicode.Scalar, bold: Bool) -> Double {
        let value = scalar.value
        for (index, block) in blocks.enumerated() where block.contains(value) {
            let width = (bold ? self.bold : regular)[index][Int(value - block.lowerBound)]
            if width > 0 { return Double(width) }
        }
        if EastAsianWidth.isWide(scalar) { return 1000 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: return fallback
        }
    }

    /// The width of a run of text, without kerning (which only narrows Latin text).
    static func width(of text: some StringProtocol, bold: Bool) -> Double {
        text.unicodeScalars.reduce(0) { $0 + width(of: $1, bold: bold) }
    }
}
