/// The stable code of a kind of problem, such as `OUT0112`, printed after each
/// diagnostic and listed in <doc:DiagnosticCodes>.
///
/// A code never changes meaning once released, whatever the message says, so
/// scripts and the command line decide by code, never by message text. The
/// hundreds group codes by area; each code's ``kind`` says which.
public enum DiagnosticCode: String, Sendable, Hashable, Codable, CaseIterable {
    // 00xx: any input file (the manifest, content files, format.yml)

    /// A YAML file does not parse.
    case yamlSyntax = "OUT0001"
    /// A YAML mapping has the same key twice.
    case duplicateKey = "OUT0002"
    /// An input file is empty.
    case emptyFile = "OUT0003"
    /// An input file cannot be read as UTF-8 text.
    case unreadableText = "OUT0004"
    /// A value is a list, mapping or single value where another is required.
    case wrongType = "OUT0005"
    /// A mapping key is not a plain name.
    case keyNotAName = "OUT0006"
    /// A mapping has a key it does not allow.
    case unknownKey = "OUT0007"
    /// A required key is missing.
    case missingKey = "OUT0008"
    /// A required value or list is empty.
    case emptyValue = "OUT0009"
    /// A value must be a whole number.
    case notAWholeNumber = "OUT0010"
    /// A value must be true or false.
    case notTrueOrFalse = "OUT0011"
    /// A value is not one of its valid choices.
    case unknownChoice = "OUT0012"
    /// An id or name uses something other than lowercase letters, digits and hyphens.
    case invalidID = "OUT0013"
    /// Two things of one kind have the same id.
    case duplicateID = "OUT0014"
    /// A reference names an id the content does not define.
    case unknownReference = "OUT0015"
    /// A locale is not one of the campaign's locales.
    case unknownLocale = "OUT0016"
    /// An input file is not valid UTF-8.
    case invalidUTF8 = "OUT0017"
    /// An input file or value holds a control character other than tab and line breaks.
    case controlCharacter = "OUT0018"
    /// A YAML file's aliases expand to far more than the file holds.
    case aliasExpansionTooLarge = "OUT0019"
    /// A locale is not a well-formed BCP 47 language tag.
    case invalidLocaleTag = "OUT0020"

    // 01xx: the manifest

    /// The manifest file cannot be read.
    case manifestUnreadable = "OUT0101"
    /// The manifest's `version` is not one this outreach reads.
    case unsupportedVersion = "OUT0102"
    /// The manifest's `date` is not YYYY-MM-DD.
    case malformedDate = "OUT0103"
    /// Two materials have the same id.
    case duplicateMaterial = "OUT0104"
    /// An entry of `formats` names neither a folder nor a format.
    case formatEntryEmpty = "OUT0105"
    /// An entry of `formats` names both a folder and a format.
    case formatEntryAmbiguous = "OUT0106"
    /// An external format's `command` is empty.
    case emptyCommand = "OUT0107"
    /// An external format's `timeout` is not a number of seconds from 0 to 3600.
    case invalidTimeout = "OUT0108"
    /// `textWidth` is outside 20 to 200.
    case textWidthOutOfRange = "OUT0109"
    /// A material names a layout that does not exist.
    case unknownLayout = "OUT0110"
    /// The manifest names a format that does not exist.
    case unknownFormat = "OUT0111"
    /// An output pattern has a `{` that is not closed.
    case unclosedPlaceholder = "OUT0112"
    /// An output pattern uses a placeholder that does not exist.
    case unknownPlaceholder = "OUT0113"
    /// A material with `each: agency` has an output pattern without `{agency}`.
    case patternLacksAgency = "OUT0114"
    /// An output pattern uses `{agency}` or `{partner}` in a material that does not fan out over it.
    case patternAgencyWithoutEach = "OUT0115"
    /// An output pattern leads outside the output folder.
    case patternEscapes = "OUT0116"
    /// A material with `each: agency` or `each: partner` selects none.
    case fanOutSelectsNothing = "OUT0117"
    /// The manifest's `assets` folder does not exist.
    case assetsFolderMissing = "OUT0118"
    /// A material lists `partners` but does not fan out with `each: partner`.
    case partnersWithoutEach = "OUT0119"

    // 02xx: content

    /// The content folder does not exist.
    case contentFolderMissing = "OUT0201"
    /// A required content file is missing.
    case contentFileMissing = "OUT0202"
    /// The campaign's default `locale` is not in its `locales`.
    case defaultLocaleNotListed = "OUT0203"
    /// A URL is not an absolute http(s), mailto: or tel: address.
    case malformedURL = "OUT0204"
    /// A phone number is malformed.
    case malformedPhone = "OUT0205"
    /// A text short code is not 3 to 8 digits.
    case malformedShortCode = "OUT0206"
    /// A message file does not start with front matter.
    case frontMatterMissing = "OUT0207"
    /// A message file's front matter is not closed.
    case frontMatterUnclosed = "OUT0208"
    /// A message file's name is not a valid id and it has no `id:`.
    case messageFileNameNotAnID = "OUT0209"
    /// A message has nothing after its front matter.
    case emptyMessageBody = "OUT0210"
    /// CommonMark text nests deeper than 64 levels.
    case markdownTooDeep = "OUT0211"
    /// An image in content has no alt text.
    case imageWithoutAltText = "OUT0220"
    /// A material needs a message in a locale it is not written in.
    case missingTranslation = "OUT0221"
    /// A warning: a material uses a message's text in the manifest's fallback locale.
    case translationFallback = "OUT0222"
    /// A message names a content variable that does not exist.
    case unknownVariable = "OUT0223"
    /// A partner's logo is not a relative path inside the output folder.
    case invalidAssetPath = "OUT0224"
    /// A partner's logo names a file the assets folder does not have.
    case missingAsset = "OUT0225"

    // 03xx: templates and template formats

    /// The manifest's templates folder cannot be read.
    case templatesFolderUnreadable = "OUT0301"
    /// A Mustache template does not parse.
    case templateSyntax = "OUT0302"
    /// A template that is needed does not exist.
    case missingTemplate = "OUT0303"
    /// A template format's `template` is not a .mustache file name.
    case invalidTemplateName = "OUT0304"
    /// A declared template format folder does not exist.
    case formatFolderMissing = "OUT0305"
    /// A template format has the name of a built-in format.
    case formatNameTaken = "OUT0306"
    /// A template format's `extension` is not a plain file extension.
    case invalidExtension = "OUT0307"
    /// A template format's `mediaType` is not type/subtype.
    case invalidMediaType = "OUT0308"
    /// A template format's `summary` spans lines.
    case multilineSummary = "OUT0309"
    /// A template format's `smsSegmentsOver` is less than 1.
    case invalidSegmentLimit = "OUT0310"
    /// A template format's template includes a partial that is not in its folder.
    case missingPartial = "OUT0311"
    /// A template format's template names a variable no context value can ever hold.
    case unknownTemplateVariable = "OUT0312"
    /// Templates include each other in a cycle.
    case templateCycle = "OUT0313"
    /// A string catalog lacks a key, or a plural form its locale's CLDR rules need.
    case missingCatalogKey = "OUT0314"
    /// A material is made in a locale that has no string catalog.
    case missingCatalog = "OUT0315"

    // 04xx: external formats

    /// An external format's program cannot be found or started.
    case pluginCannotRun = "OUT0401"
    /// An external format's program exited with a failure status or was killed.
    case pluginFailed = "OUT0402"
    /// An external format's program did not answer within its timeout.
    case pluginTimedOut = "OUT0403"
    /// An external format's program printed more than the response limit.
    case pluginOutputTooLarge = "OUT0404"
    /// An external format's answer is not a valid protocol response.
    case invalidResponse = "OUT0405"
    /// An external format speaks an incompatible protocol version.
    case incompatibleProtocol = "OUT0406"
    /// An external format describes itself with an invalid name, extension or media type.
    case invalidDescription = "OUT0407"
    /// An external format's name differs from the one it was declared or found under.
    case formatNameMismatch = "OUT0408"
    /// An external format reported errors about a render.
    case pluginReportedError = "OUT0409"
    /// An external format returned no files.
    case noFilesReturned = "OUT0410"
    /// An external format returned a file path that leaves the output folder.
    case unsafeFilePath = "OUT0411"
    /// An external format returned two files for one path.
    case duplicateFilePath = "OUT0412"

    // 05xx: generation and output

    /// A renderer failed with an error of its own.
    case renderFailed = "OUT0501"
    /// `SOURCE_DATE_EPOCH` is not a whole number of seconds.
    case invalidSourceDateEpoch = "OUT0502"
    /// An output path leads outside the output folder.
    case outputPathEscapes = "OUT0503"
    /// Two materials write the same output file.
    case outputPathConflict = "OUT0504"
    /// The output folder cannot be created.
    case outputFolderUncreatable = "OUT0505"
    /// A symbolic link in the output folder leads outside it.
    case outputSymlinkEscapes = "OUT0506"
    /// A file cannot be written.
    case writeFailed = "OUT0507"
    /// `generate --check`: an output differs from what would be made.
    case staleOutput = "OUT0508"
    /// `generate --check`: an output is missing.
    case missingOutput = "OUT0509"
    /// `generate --check`: a file in the output folder is no longer made.
    case extraOutput = "OUT0510"
    /// `new-format`: a file it would write already exists.
    case fileExists = "OUT0511"
    /// A program that printing needs (Chromium, pdftoppm, zbarimg) is not on PATH.
    case printToolMissing = "OUT0512"
    /// Chromium could not open, measure or print a page.
    case printFailed = "OUT0513"
    /// Another outreach run holds the output folder's lock for longer than a run waits.
    case outputFolderLocked = "OUT0514"
    /// Renaming staged files into place stopped midway; the message names the files replaced.
    case partiallyWritten = "OUT0515"
    /// An output path uses a name beginning `.outreach-`, which outreach keeps for its own files.
    case reservedOutputName = "OUT0516"

    // 06xx: command line usage

    /// `--material` names a material the manifest does not have.
    case unknownMaterialFilter = "OUT0601"
    /// `--format` names a format that does not exist.
    case unknownFormatFilter = "OUT0602"
    /// `new-format` was given a name that is not a valid format name.
    case invalidFormatNameArgument = "OUT0603"

    // 07xx: render warnings

    /// A message takes more SMS segments than a format allows.
    case smsSegments = "OUT0701"
    /// A format's own warning or note about a render, relayed as it was given.
    case reportedByFormat = "OUT0702"
    /// `proof`: an output prints on more pages than its layout's budget.
    case overPageBudget = "OUT0703"
    /// `proof`: an element overflows its box when printed.
    case printOverflow = "OUT0704"
    /// `proof`: an output does not reflow on screens from 320 to 1280 CSS px: it scrolls
    /// sideways, or text runs under a QR code or out of its card.
    case reflowOverflow = "OUT0705"
    /// `proof`: a printed QR code does not decode to the address it should hold.
    case qrUnreadable = "OUT0706"
    /// A wallet card's text needs more lines than a card holds.
    case cardOverBudget = "OUT0707"

    /// Which area a problem belongs to; the command line picks its exit status by it.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An input file's YAML or values (01xx–02xx files and format.yml alike).
        case input
        /// The manifest.
        case manifest
        /// The content folder.
        case content
        /// Templates and template formats.
        case template
        /// External format programs.
        case external
        /// Rendering, writing and checking output.
        case output
        /// The command line: exits with status 2.
        case usage
        /// Warnings about what was rendered, and `proof`'s findings about how it prints.
        case render
    }

    /// The area, from the code's hundreds.
    public var kind: Kind {
        switch number / 100 {
        case 0: return .input
        case 1: return .manifest
        case 2: return .content
        case 3: return .template
        case 4: return .external
        case 5: return .output
        case 6: return .usage
        default: return .render
        }
    }

    /// The number after `OUT`, such as 112 for `OUT0112`.
    public var number: Int { Int(rawValue.dropFirst(3)) ?? 0 }
}
