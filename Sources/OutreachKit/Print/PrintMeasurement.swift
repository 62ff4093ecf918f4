import Foundation

/// What headless Chromium found about one HTML output: how it prints on its
/// paper and how it reflows on a 320 CSS px screen.
package struct PrintMeasurement: Sendable, Hashable {
    /// The output as named in messages, such as `out/handout.html`.
    package var path: String
    /// The paper it printed on.
    package var paper: Paper
    /// Printed pages.
    package var pages: Int
    /// The pages its layout is designed to fit (`<html data-page-budget>`), if it says.
    package var pageBudget: Int?
    /// The page's width on a 320 CSS px screen; more than 320 means sideways scrolling.
    package var reflowWidth: Int
    /// The elements that stick out past 320 px, described as CSS selectors, at most three.
    package var widest: [String]
    /// Elements larger than their box when printed, or too tall to keep on one page.
    package var overflowing: [Overflow]
    /// The address of every QR code the page prints (`data-qr`), in page order.
    package var expectedQRCodes: [String]
    /// What zbar decoded from the printed pages, sorted.
    package var decodedQRCodes: [String]
    /// The text of each printed page (`pdftotext`), for footer checks.
    package var pageTexts: [String]
    /// The printed PDF.
    package var pdf: Data
    /// Text that runs under a QR code or out of its card, and pages wider than the
    /// screen, at the screen widths of ``PrintProofer/screenWidths``.
    package var screenProblems: [ScreenProblem] = []
    /// The page box it was laid out in, in CSS px: the paper less its `@page` margins.
    package var pageWidth: Double = 0
    /// The page box's height; a box taller than this splits.
    package var pageHeight: Double = 0

    /// Something wrong with the page on a screen of one width.
    package struct ScreenProblem: Sendable, Hashable {
        package enum Kind: String, Sendable, Hashable {
            /// A piece of text is drawn over a QR code, so the code or the text is unreadable.
            case underQRCode
            /// A piece of text sticks out of the contact card it belongs to.
            case outOfCard
            /// The page is wider than the screen: people must scroll sideways.
            case widerThanScreen
        }
        package var kind: Kind
        /// The screen's width in CSS px.
        package var width: Int
        /// The element, as a CSS selector (for a page too wide: its widest elements).
        package var element: String
        /// The text that is misplaced, at most 40 characters; for a page too wide, its width in px.
        package var text: String
    }

    /// One element that does not fit.
    package struct Overflow: Sendable, Hashable {
        /// The element as a CSS selector, such as `article.card`.
        package var element: String
        /// By how many CSS px it overflows.
        package var by: Int
        /// Whether it is taller than a page, so it must split.
        package var tallerThanPage: Bool
    }
}

/// The paper a proof prints on, in CSS px (96 a inch).
extension Paper {
    /// The sheet's width and height in CSS px: Letter is 8.5 x 11 in, A4 210 x 297 mm.
    var sizePx: (width: Double, height: Double) {
        self == .letter ? (816, 1056) : (210 / 25.4 * 96, 297 / 25.4 * 96)
    }
}
