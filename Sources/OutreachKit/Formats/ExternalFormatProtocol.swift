import Foundation

/// The version of the JSON protocol outreach speaks with external formats, `MAJOR.MINOR`.
///
/// A plugin whose major version is the same is compatible: a newer minor may
/// add keys, which the older side ignores. A different major is refused with
/// an error naming both versions. See <doc:ExternalFormatProtocol>.
package struct ExternalProtocolVersion: Sendable, Hashable, CustomStringConvertible {
    /// The version this outreach speaks.
    package static let current = ExternalProtocolVersion(major: 1, minor: 1)

    /// Changes that break older plugins or older outreach.
    package var major: Int
    /// Changes that only add.
    package var minor: Int

    /// Creates a version.
    package init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `MAJOR.MINOR`, such as `1.0`; nil for anything else.
    package init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
              let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0 else { return nil }
        self.init(major: major, minor: minor)
    }

    /// `MAJOR.MINOR`.
    package var description: String { "\(major).\(minor)" }

    /// Whether a plugin speaking this version can talk to this outreach.
    package var isCompatible: Bool { major == Self.current.major }
}

/// One request outreach writes to a plugin's standard input.
struct ExternalFormatRequest: Encodable {
    enum Kind: String, Encodable { case describe, render }

    var protocolVersion = ExternalProtocolVersion.current.description
    var request: Kind
    var format: String?
    var options: [String: JSONValue]?
    var locale: String?
    var paper: String?
    var textWidth: Int?
    var asciiOnly: Bool?
    var document: JSONValue?
    var campaign: JSONValue?

    static let describe = ExternalFormatRequest(request: .describe)

    /// A render request for `document` with the settings in `options`.
    static func render(_ document: Document, format: String, options: RenderOptions) -> ExternalFormatRequest {
        let locale = document.metadata.locale
        return ExternalFormatRequest(
            request: .render, format: format, options: options.formatOptions, locale: locale,
            paper: options.paper.rawValue, textWidth: options.textWidth, asciiOnly: options.asciiOnly,
            document: document.externalJSON, campaign: document.campaignExternalJSON)
    }

    /// The request as one line of JSON with sorted keys, so equal requests are equal bytes.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}

/// A plugin's answer to `describe`.
struct ExternalFormatDescription: Decodable {
    var protocolVersion: String
    var name: String
    var `extension`: String
    var mediaType: String
    var summary: String
}

/// A plugin's answer to `render`.
struct ExternalFormatResponse: Decodable {
    struct File: Decodable {
        /// Relative to the folder of the material's output path; nil is that path itself.
        var path: String?
        var content: String
        /// `utf8` (the default) or `base64`.
        var encoding: String?
    }

    struct Message: Decodable {
        var severity: String
        var message: String
    }

    var protocolVersion: String
    var files: [File]
    var diagnostics: [Message]?
}
