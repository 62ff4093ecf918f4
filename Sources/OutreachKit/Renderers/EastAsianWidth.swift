/// How many columns a character takes in a monospaced terminal: two for East
/// Asian Wide and Fullwidth characters (Unicode Standard Annex #11) and for
/// emoji shown as pictures, one for the rest. The table of wide ranges is
/// generated (`Scripts/generate-east-asian-width`) with its Unicode version.
enum EastAsianWidth {
    /// Whether the scalar's East_Asian_Width is W or F.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard value >= 0x1100 else { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound { high = middle - 1 } else if value > range.upperBound { low = middle + 1 } else { return true }
        }
        return false
    }

    /// The columns of one grapheme cluster: 2 when its first scalar is wide, when
    /// it asks for emoji presentation (U+FE0F), or for a flag (two regional
    /// indicators); else 1. Combining marks and joiners ride on their cluster.
    static func columns(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.isASCII { return 1 }
        if isWide(first) { return 2 }
        if scalars.contains("\u{FE0F}") { return 2 }
        if (0x1F1E6...0x1F1FF).contains(first.value) && scalars.count > 1 { return 2 }
        return 1
    }
}
