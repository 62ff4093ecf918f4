/// `text` with every control character written out as a Swift escape such as
/// `\u{1B}`, so untrusted text printed for people cannot move the cursor, set
/// a terminal's title, clear the screen or reorder what follows.
///
/// Tab stays as it is, and so does line feed unless `keepingNewlines` is false
/// (a file name, which must stay on one line). Carriage return, the C0 and C1
/// controls, DEL and the bidirectional overrides and isolates are escaped.
package func visibleControlCharacters(_ text: String, keepingNewlines: Bool = true) -> String {
    guard text.unicodeScalars.contains(where: { needsEscape($0, keepingNewlines: keepingNewlines) }) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        if needsEscape(scalar, keepingNewlines: keepingNewlines) {
            result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
        } else {
            result.append(scalar)
        }
    }
    return String(result)
}

private func needsEscape(_ scalar: Unicode.Scalar, keepingNewlines: Bool) -> Bool {
    switch scalar.value {
    case 0x09: return false
    case 0x0A: return !keepingNewlines
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x202A...0x202E, 0x2066...0x2069: return true // bidirectional overrides and isolates
    default: return false
    }
}

extension Diagnostic {
    /// The diagnostic with its message, hint and file name made safe to print:
    /// see ``visibleControlCharacters(_:keepingNewlines:)``. Every diagnostic
    /// format the command line prints goes through this.
    package var withVisibleControlCharacters: Diagnostic {
        var copy = self
        copy.message = visibleControlCharacters(message)
        copy.hint = hint.map { visibleControlCharacters($0) }
        copy.location?.file = visibleControlCharacters(location?.file ?? "", keepingNewlines: false)
        return copy
    }
}
