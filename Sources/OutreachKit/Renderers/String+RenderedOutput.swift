extension String {
    /// The text with any trailing blank lines and spaces removed and exactly one newline added.
    ///
    /// Every built-in format ends this way, whatever a (possibly overridden)
    /// page template leaves at its end.
    var withSingleTrailingNewline: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text) + "\n"
    }

    /// The text with spaces and tabs at the end of every line removed.
    var trimmingTrailingSpacesOnEachLine: String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> Substring in
                var line = line
                while let last = line.last, last == " " || last == "\t" { line = line.dropLast() }
                return line
            }
            .joined(separator: "\n")
    }

    /// The string without spaces at its end.
    var droppingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
