import Foundation

/// Turns the bytes of an input file into text: strict UTF-8, no control
/// characters other than tab, line feed and carriage return, and Windows line
/// endings (`\r\n`) read as `\n`.
///
/// A problem is located at its first bad byte (line and column, counted in
/// characters), so a stray NUL or a Latin-1 byte in a long file is easy to find.
enum InputText {
    /// The text of `data`, or a located error naming `file`.
    static func decode(_ data: Data, file: String) -> Result<String, Diagnostic> {
        if let text = plainText(data) { return .success(text) }
        return decodeScalars(data, file: file)
    }

    /// ``decode(_:file:)`` scalar by scalar: line endings, byte-order mark, located errors.
    static func decodeScalars(_ data: Data, file: String) -> Result<String, Diagnostic> {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(data.count)
        var line = 1, column = 1
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        var previousWasCR = false
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .emptyInput:
                return .success(String(scalars))
            case .error:
                return .failure(.error(.invalidUTF8, "the file is not valid UTF-8 text", at: SourceLocation(file: file, line: line, column: column),
                                       hint: "save the file as UTF-8"))
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if previousWasCR && scalar != "\n" {
                    // A lone carriage return (old Mac line ending) is a line break too.
                    scalars.append("\n")
                    line += 1
                    column = 1
                }
                previousWasCR = false
                switch scalar {
                case "\r":
                    previousWasCR = true
                    continue
                case "\n":
                    scalars.append(scalar)
                    line += 1
                    column = 1
                    continue
                case "\u{FEFF}" where line == 1 && column == 1 && scalars.isEmpty:
                    continue // a byte-order mark says nothing
                default:
                    if isForbiddenControl(scalar) {
                        return .failure(.error(.controlCharacter, "the file contains the control character \(visibleControlCharacters(String(scalar)))",
                                               at: SourceLocation(file: file, line: line, column: column),
                                               hint: "remove it; only tab and line breaks are allowed"))
                    }
                    scalars.append(scalar)
                    column += 1
                }
            }
        }
    }

    /// The text of `data` when it needs none of ``decode(_:file:)``'s work: valid UTF-8 with no
    /// carriage return, no control character but tab and line feed, and no byte-order mark. One
    /// pass over the bytes, then the standard library's validation; nil sends it the long way.
    static func plainText(_ data: Data) -> String? {
        let clean = data.withUnsafeBytes { raw -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return false }
            return PlainTextScanner.isClean(bytes)
        }
        guard clean else { return nil }
        return String(validating: data, as: UTF8.self)
    }

    /// Reads and decodes `url`; `nil` with a diagnostic in `sink` when it cannot.
    static func read(_ url: URL, file: String, sink: DiagnosticSink) -> String? {
        guard let data = try? Data(contentsOf: url) else {
            sink.error(.unreadableText, "cannot read \(quoted(file))", at: SourceLocation(file: file))
            return nil
        }
        switch decode(data, file: file) {
        case .success(let text): return text
        case .failure(let diagnostic):
            sink.report(diagnostic)
            return nil
        }
    }

    /// Control characters other than tab, line feed and carriage return, DEL and the C1 controls.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }
}
