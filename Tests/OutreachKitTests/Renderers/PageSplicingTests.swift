import Foundation
import Testing
@testable import OutreachKit

/// `TemplateSet.renderPage` splices a page's body in after rendering the template around a
/// token: its bytes are those of rendering the body through the template and ending the page
/// with one newline, for every place a template can put the body, or not put it.
@Suite struct PageSplicingTests {
    /// A template set whose `html` page template is `template`.
    static func templates(_ template: String) throws -> TemplateSet {
        let folder = try Fixture(copyingExample: false)
        try folder.write("templates/html.mustache", template)
        return try TemplateSet.overriding(with: folder.url("templates"), displayPath: "templates")
    }

    static let templates = [
        "<main>\n{{{body}}}\n</main>\n\n",            // the body in the middle
        "{{title}}\n\n{{{body}}}\n   \n\n",             // the body at the end, then blank lines
        "{{{body}}}",                                  // the body alone
        "{{title}} has no body\n",                     // a template that leaves it out
        "{{{body}}}\n---\n{{{body}}}\n",               // a template that repeats it
        "<p>{{body}}</p>\n",                           // escaped, not spliced
    ]
    static let bodies = ["<p>One &amp; two</p>\n\n<p>Three</p>", "text ending in spaces and lines   \n\n", "", "  \n ", "é\u{301} 字 \u{1}"]

    @Test(arguments: templates) func splicingGivesTheBytesOfRenderingThrough(template: String) throws {
        let set = try Self.templates(template)
        for body in Self.bodies {
            let context: [String: Any] = ["title": "A & B", "body": body]
            let through = Data(try set.render("html", context).withSingleTrailingNewline.utf8)
            let spliced = try set.renderPage("html", context, body: body)
            #expect(spliced == through, "template \(template.debugDescription), body \(body.debugDescription): \(String(decoding: spliced, as: UTF8.self).debugDescription)")
        }
    }
}
