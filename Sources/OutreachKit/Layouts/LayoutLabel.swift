/// The words layouts add around content, as keys of the string catalogs.
///
/// Content carries its own translations; these words are outreach's, and
/// their text in each locale is in `Templates/strings/LOCALE.yml`.
enum LayoutLabel: String, CaseIterable {
    case howToReport, learnMore, websiteOf, call, text, tty, online, hours, languages, or, to
    case operatedBy, operatedByNGO, figuresFrom, whatItDoes, byTheNumbers, programs, members
    case governmentRoles, recognizeAndReport, partOf, distributedBy
}
