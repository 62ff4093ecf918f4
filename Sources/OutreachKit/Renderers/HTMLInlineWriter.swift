/// Writes inlines as escaped HTML.
enum HTMLInlineWriter {
    /// The inlines as HTML; hard breaks are `<br>`, soft breaks newlines.
    static func html(_ inlines: [Inline]) -> String {
        html(inlines, insideLink: false)
    }

    /// A link to `url` around `innerHTML`, or `innerHTML` alone when the address is not allowed.
    ///
    /// A link whose text already shows its address gets the class `bare-url`,
    /// so print styles do not print the address a second time.
    static func link(url: String, innerHTML: String, text: String) -> String {
        guard let safe = LinkAddress.safe(url) else { return innerHTML }
        let bare = LinkAddress.textShowsAddress(text, safe) ? " class=\"bare-url\"" : ""
        return "<a href=\"\(HTMLEscaping.escape(safe))\"\(bare)>\(innerHTML)</a>"
    }

    private static func html(_ inlines: [Inline], insideLink: Bool) -> String {
        var result = ""
        for inline in inlines {
            switch inline {
            case .text(let text):
                result += HTMLEscaping.escape(text)
            case .emphasis(let content):
                result += "<em>" + html(content, insideLink: insideLink) + "</em>"
            case .strong(let content):
                result += "<strong>" + html(content, insideLink: insideLink) + "</strong>"
            case .code(let code):
                result += "<code>" + HTMLEscaping.escape(code) + "</code>"
            case .link(let url, let content):
                let inner = html(content, insideLink: true)
                // Links cannot nest in HTML: an inner link keeps only its text.
                result += insideLink ? inner : link(url: url, innerHTML: inner, text: content.plainText)
            case .lineBreak:
                result += "<br>\n"
            case .softBreak:
                result += "\n"
            }
        }
        return result
    }
}
