internal import CQRencode

/// A QR code for one address, drawn as inline SVG; every libqrencode call is in this file.
///
/// Print settings follow the QR standard's guidance (ISO/IEC 18004): error
/// correction level M (about 15% of the code can be lost or smudged and it
/// still reads), which suits clean print, and a quiet zone of 4 modules of
/// white on every side, which scanners need to find the code.
package struct QRCode: Sendable, Hashable {
    /// The encoded text, such as `https://humantraffickinghotline.org`.
    package let text: String
    /// Modules per side, without the quiet zone.
    package let size: Int
    /// Dark modules, row by row (`size` × `size`).
    package let modules: [Bool]

    /// The quiet zone, in modules, on each side.
    package static let quietZone = 4

    /// Encodes `text` at error-correction level M, or nil if it is empty or too long for a QR code.
    package init?(_ text: String) {
        guard !text.isEmpty, let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        self.text = text
        self.size = width
        self.modules = data.map { $0 & 1 == 1 }
    }

    /// Whether the module at `row`, `column` (without the quiet zone) is dark.
    package func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }

    /// An `<svg>` element: a white square with the quiet zone, and one path of the dark
    /// modules, a run of dark modules in a row as one rectangle. `label` names it for
    /// screen readers and must already be escaped for an attribute.
    package func svg(escapedLabel label: String) -> String {
        let side = size + 2 * Self.quietZone
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else { column += 1; continue }
                let start = column
                while column < size && isDark(row: row, column: column) { column += 1 }
                path += "M\(start + Self.quietZone) \(row + Self.quietZone)h\(column - start)v1h-\(column - start)z"
            }
        }
        return "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" role=\"img\" "
            + "aria-label=\"\(label)\" shape-rendering=\"crispEdges\">"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#ffffff\"/>"
            + "<path fill=\"#000000\" d=\"\(path)\"/></svg>"
    }
}
