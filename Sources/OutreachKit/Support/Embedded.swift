import Foundation

/// The files the EmbedTemplates build-tool plugin compiles into the binary
/// (`EmbeddedTemplates`, `EmbeddedSchemas`, `EmbeddedWorkflows`) are base64
/// literals; this decodes one, once, when its enum is first used.
enum Embedded {
    static func text(_ base64: String) -> String {
        guard let data = Data(base64Encoded: base64) else {
            preconditionFailure("EmbedTemplates wrote a literal that is not base64")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
