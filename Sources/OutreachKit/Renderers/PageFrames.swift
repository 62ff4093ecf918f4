import Foundation

/// Built-in page templates rendered once per shape of their context, then filled in.
///
/// Rendering the `html` and `markdown` page templates through the template engine took about a
/// sixth of a full run: every value is looked up by dynamic casts, and the 13 KB `html` page is
/// copied piece by piece. But a page's context differs from the next page's only in its strings'
/// text. So the template is rendered once for each shape (the keys, which strings are empty, the
/// booleans) with each string replaced by a token, and the result, a frame, is filled in with each
/// page's strings: escaped for HTML where the engine escaped the token, as they are otherwise.
///
/// Only for the built-in templates, whose every use of a value is a plain insertion or a section
/// (none applies a transform or a lambda to one, and none includes a partial), so a frame is the
/// page with its tokens in place of the values. A set with any template of the user's renders
/// every page through the engine.
final class PageFrames: @unchecked Sendable {
    /// One piece of a frame: text as it is, or the string at an index, escaped or not.
    enum Piece {
        case text(String)
        case value(Int, escaped: Bool)
    }

    /// A frame, with the string catalog it was rendered with.
    private struct Frame {
        let catalog: [String: String]
        let pieces: [Piece]
        /// The UTF-8 bytes of its text pieces, to reserve a page's storage once.
        let textBytes: Int

        init(catalog: [String: String], pieces: [Piece]) {
            self.catalog = catalog
            self.pieces = pieces
            textBytes = pieces.reduce(0) { total, piece in
                if case .text(let text) = piece { return total + text.utf8.count }
                return total
            }
        }
    }

    private let lock = NSLock()
    private var frames: [String: [Frame]] = [:]
    /// Frames kept at most; a context of more shapes than this renders the rest through the engine.
    private static let limit = 256
    /// Marks a token. Content holds no control characters (they are refused on input), and every token
    /// also holds this set's random salt, so a value can never be taken for a token.
    private static let mark: Character = "\u{1}"
    private let salt: String
    /// The first tokens, made once: a page's context has a few dozen strings.
    private let madeTokens: [String]

    init() {
        let salt = UUID().uuidString
        self.salt = salt
        madeTokens = (0..<256).map { Self.token($0, salt: salt) }
    }

    private static func token(_ index: Int, salt: String) -> String { "\(mark)<\(index)-\(salt)\(mark)" }

    private func token(_ index: Int) -> String {
        index < madeTokens.count ? madeTokens[index] : Self.token(index, salt: salt)
    }

    /// The page: `render(tokens)` is the engine's rendering of a context; nil when the context holds a
    /// value of another kind than strings, booleans and maps of them.
    ///
    /// The string catalog (`strings`, a hundred words that are the same on every page of a locale) is
    /// not made into tokens: it is part of the frame, and a frame is used only for the same catalog.
    func page(_ name: String, _ context: [String: Any], render: ([String: Any]) throws -> String) rethrows -> String? {
        var values: [String] = []
        var shape = name + "\u{0}"
        var rest = context
        let catalog = rest.removeValue(forKey: "strings")
        // The shape and strings first, without the tokens' maps: a page's frame is nearly always known.
        guard let catalog = catalog.map({ $0 as? [String: String] }) ?? [:],
              Self.walk(rest, values: &values, shape: &shape, tokens: nil) != nil else { return nil }
        if context["strings"] != nil {
            // Not hashed: a run's pages of one locale share one catalog table, which compares equal at once.
            shape += "strings "
            shape += String(catalog.count)
        }
        let known = lock.withLock { frames[shape]?.first { $0.catalog == catalog } }
        let frame: Frame
        if let known {
            frame = known
        } else {
            var tokenValues: [String] = []
            var tokenShape = ""
            guard var tokens = Self.walk(rest, values: &tokenValues, shape: &tokenShape, tokens: self) as? [String: Any],
                  tokenValues.count == values.count else { return nil }
            if context["strings"] != nil { tokens["strings"] = catalog }
            guard let parsed = parse(try render(tokens), count: values.count) else { return nil }
            frame = Frame(catalog: catalog, pieces: parsed)
            lock.withLock {
                if frames.count < Self.limit { frames[shape, default: []].append(frame) }
            }
        }
        var page = ""
        page.reserveCapacity(frame.textBytes + values.reduce(0) { $0 + $1.utf8.count } + 256)
        for piece in frame.pieces {
            switch piece {
            case .text(let text): page += text
            case .value(let index, let escaped): page += escaped ? Self.htmlEscaped(values[index]) : values[index]
            }
        }
        return page
    }

    /// Walks a context: appends each string to `values` and the context's shape to `shape`. With
    /// `tokens`, returns the context with each string replaced by its token (its index in `values`);
    /// without, returns `true` and builds no maps. Nil for a value of another kind than strings,
    /// booleans and maps of them.
    private static func walk(_ value: Any, values: inout [String], shape: inout String, tokens: PageFrames?) -> Any? {
        switch value {
        case let string as String:
            shape += string.isEmpty ? "e" : "s"
            values.append(string)
            return tokens.map { $0.token(values.count - 1) } ?? true
        case let bool as Bool:
            shape += bool ? "T" : "F"
            return bool
        case let map as [String: Any]:
            var tokenMap: [String: Any] = [:]
            shape += "{"
            for key in map.keys.sorted() {
                shape += String(key.utf8.count)
                shape += ":"
                shape += key
                guard let token = walk(map[key]!, values: &values, shape: &shape, tokens: tokens) else { return nil }
                if tokens != nil { tokenMap[key] = token }
            }
            shape += "}"
            return tokens != nil ? tokenMap : true
        default:
            return nil
        }
    }

    /// The frame's pieces; nil when a token is not whole in it (then the page goes through the engine).
    private func parse(_ frame: String, count: Int) -> [Piece]? {
        var pieces: [Piece] = []
        var rest = frame[...]
        while let open = rest.firstIndex(of: Self.mark) {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: Self.mark) else { return nil }
            let inside = rest[afterOpen..<close]
            let escaped: Bool
            let body: Substring
            if inside.hasPrefix("<") {
                (escaped, body) = (false, inside.dropFirst())
            } else if inside.hasPrefix("&lt;") {
                (escaped, body) = (true, inside.dropFirst(4))
            } else {
                return nil
            }
            guard body.hasSuffix("-" + salt), let index = Int(body.dropLast(salt.count + 1)), index >= 0, index < count else { return nil }
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            pieces.append(.value(index, escaped: escaped))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }

    /// The template engine's HTML escaping, character by character as it does it: `<`, `>`, `&`, `"`
    /// and `'`, each only as a character of its own (not with a combining mark after it).
    static func htmlEscaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
