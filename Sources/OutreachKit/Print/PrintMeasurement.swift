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

/// The paper a proof prints on, in CSS px (96 a inch), less the margins the built-in template sets.
extension Paper {
    var contentWidthPx: Int { self == .letter ? 720 : 695 }
    var contentHeightPx: Int { self == .letter ? 950 : 1010 }
}
