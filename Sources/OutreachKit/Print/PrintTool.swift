import Foundation

/// A program the print checks and the `pdf` format run, with the Debian package that has it.
package enum PrintTool: String, Sendable, CaseIterable {
    /// Headless Chromium: prints HTML to PDF and measures layouts.
    case chromium
    /// Poppler's rasteriser: PDF pages to PNG for QR decoding.
    case pdftoppm
    /// zbar's image scanner: decodes QR codes.
    case zbarimg

    /// The Debian package to install.
    package var package: String {
        switch self {
        case .chromium: return "chromium"
        case .pdftoppm: return "poppler-utils"
        case .zbarimg: return "zbar-tools"
        }
    }

    /// Other names the program goes by on some systems.
    private var names: [String] {
        self == .chromium ? ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] : [rawValue]
    }

    /// The program on `PATH`, or nil; `OUTREACH_CHROMIUM` names Chromium explicitly.
    package func locate(environment: [String: String]) -> URL? {
        if self == .chromium, let path = environment["OUTREACH_CHROMIUM"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for name in names {
            for folder in folders where !folder.isEmpty {
                let path = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return URL(fileURLWithPath: path) }
            }
        }
        return nil
    }

    /// The program, or an error naming the package to install.
    package func require(environment: [String: String], for purpose: String) throws(DiagnosticError) -> URL {
        if let url = locate(environment: environment) { return url }
        throw DiagnosticError([.error(
            .printToolMissing, "\(purpose) needs '\(rawValue)', which is not on PATH",
            hint: "install the Debian package '\(package)' (Scripts/setup does), or put the program on PATH")])
    }
}
