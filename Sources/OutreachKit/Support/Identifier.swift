/// The one rule for ids and names: materials, agencies, contacts, messages,
/// audiences and formats all follow it, wherever they are read.
///
/// Formats name files and folders (`formats/NAME/`, `outreach-format-NAME`)
/// and ids end up in output paths, so only lowercase ASCII is allowed.
package enum Identifier {
    /// What a valid identifier is made of, as error messages say it.
    package static let rule = "lowercase ASCII letters, digits and hyphens, and not start or end with a hyphen"

    /// Whether `text` is a valid identifier, such as `ice-tip-line`, `sms` or `2024`.
    package static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.first != UInt8(ascii: "-") && text.utf8.last != UInt8(ascii: "-")
            && text.utf8.allSatisfy { ("a"..."z").contains(Unicode.Scalar($0)) || ("0"..."9").contains(Unicode.Scalar($0)) || $0 == UInt8(ascii: "-") }
    }
}
