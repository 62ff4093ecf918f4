import Foundation

/// Reads a plugin's stdout as one protocol response: valid JSON, an object,
/// a compatible `protocolVersion`, then the response's keys and types.
/// Unknown keys are ignored, so newer minor versions can add them.
enum ExternalFormatResponseReader {
    /// A problem with the response, as a phrase that follows the plugin's name.
    struct Problem: Error {
        var code: DiagnosticCode
        var text: String
    }

    static func decode<Response: Decodable>(_ type: Response.Type, from data: Data) throws(Problem) -> Response {
        if data.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) {
            throw Problem(code: .invalidResponse, text: "printed nothing on stdout; it must answer with one JSON object")
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw Problem(code: .invalidResponse, text: "printed output that is not valid JSON: \(excerpt(data))")
        }
        guard let object = parsed as? [String: Any] else {
            throw Problem(code: .invalidResponse, text: "answered with JSON that is not an object: \(excerpt(data))")
        }
        guard let versionValue = object["protocolVersion"] else {
            throw Problem(code: .invalidResponse, text: "answered without 'protocolVersion'; this outreach speaks protocol \(ExternalProtocolVersion.current)")
        }
        guard let versionText = versionValue as? String, let version = ExternalProtocolVersion(versionText) else {
            throw Problem(code: .invalidResponse, text: "answered with 'protocolVersion' \(excerpt(versionValue)), which is not a \"MAJOR.MINOR\" string such as \"\(ExternalProtocolVersion.current)\"")
        }
        guard version.isCompatible else {
            throw Problem(code: .incompatibleProtocol, text: "speaks protocol \(version); this outreach speaks \(ExternalProtocolVersion.current)")
        }
        do {
            return try JSONDecoder().decode(Response.self, from: data)
        } catch let error as DecodingError {
            throw Problem(code: .invalidResponse, text: "answered with a response that breaks the protocol schema: \(describe(error))")
        } catch {
            throw Problem(code: .invalidResponse, text: "answered with a response that cannot be read: \(error)")
        }
    }

    /// `key 'files[0].content' is missing`, and the like.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "required key \(quoted(path(context.codingPath + [key]))) is missing"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "key \(quoted(path(context.codingPath))) must be \(expected(type))"
        case .dataCorrupted(let context):
            return "key \(quoted(path(context.codingPath))) is invalid: \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : "." + key.stringValue }
        }
        return text.isEmpty ? "(the response)" : text
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Double.Type: return "a number"
        case is [Any].Type: return "an array"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Array") ? "an array" : name.hasPrefix("Dictionary") ? "an object" : "an object (\(name))"
        }
    }

    /// The start of a value or of the output, on one line, for messages.
    static func excerpt(_ value: Any) -> String {
        let text: String
        if let data = value as? Data {
            text = String(decoding: data.prefix(200), as: UTF8.self) + (data.count > 200 ? "…" : "")
        } else if let string = value as? String {
            text = "\"\(string)\""
        } else {
            text = "\(value)"
        }
        return quoted(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
