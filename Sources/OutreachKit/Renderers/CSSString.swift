/// Text as a CSS string literal, for `content:` in a `<style>` element.
enum CSSString {
    /// `text` in double quotes. Quotes and backslashes are escaped, control
    /// characters become spaces, and `<`, `>` and `&` become CSS escapes so the
    /// literal can never close the `<style>` element or read as markup.
    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\": out += "\\" + String(scalar)
            case "<": out += "\\3c "
            case ">": out += "\\3e "
            case "&": out += "\\26 "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
