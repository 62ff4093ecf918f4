/// A run of text inside a block.
public indirect enum Inline: Sendable, Codable, Hashable {
    /// Plain text.
    case text(String)
    /// Emphasis, usually italic.
    case emphasis([Inline])
    /// Strong emphasis, usually bold.
    case strong([Inline])
    /// Inline code.
    case code(String)
    /// A link with its text.
    case link(url: String, content: [Inline])
    /// A hard line break.
    case lineBreak
    /// A soft line break: a space for most formats.
    case softBreak
}

extension Inline {
    /// The text of the inline with all markup removed.
    public var plainText: String {
        switch self {
        case .text(let text), .code(let text): return text
        case .emphasis(let content), .strong(let content), .link(_, let content): return content.plainText
        case .lineBreak, .softBreak: return " "
        }
    }
}

extension Array where Element == Inline {
    /// The text of the inlines with all markup removed.
    public var plainText: String { map(\.plainText).joined() }
}
