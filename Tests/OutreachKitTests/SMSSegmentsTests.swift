import Testing
@testable import OutreachKit

/// GSM-7 and UCS-2 lengths and segment counts (3GPP TS 23.038 and 23.040).
@Suite struct SMSSegmentsTests {
    @Test func basicTableIsTheGSM0338DefaultAlphabet() async {
        let table = GSM7.basicTable
        #expect(table.count == 128)
        let expected: [Int: Unicode.Scalar] = [
            0x00: "@", 0x01: "£", 0x02: "$", 0x03: "¥", 0x09: "Ç", 0x0A: "\n", 0x0D: "\r", 0x10: "Δ", 0x11: "_",
            0x1A: "Ξ", 0x1B: "\u{1B}", 0x1F: "É", 0x20: " ", 0x24: "¤", 0x40: "¡", 0x41: "A", 0x5B: "Ä", 0x5F: "§",
            0x60: "¿", 0x61: "a", 0x7B: "ä", 0x7E: "ü", 0x7F: "à",
        ]
        for (index, scalar) in expected {
            #expect(table[index] == scalar, "septet \(index)")
        }
        #expect(GSM7.basic.count == 127, "every septet but the escape is one character")
        #expect(!GSM7.basic.contains("\u{1B}"))
    }

    @Test func extensionTableHoldsTheTenEscapedCharacters() async {
        #expect(GSM7.extension == Set("\u{0C}^{}\\[~]|€".unicodeScalars))
        #expect(GSM7.extension.isDisjoint(with: GSM7.basic))
    }

    @Test func printableASCIIIsGSM7ExceptTheBacktick() async {
        for value in UInt32(0x20)...0x7E {
            let scalar = Unicode.Scalar(value)!
            let inGSM = GSM7.basic.contains(scalar) || GSM7.extension.contains(scalar)
            #expect(inGSM == (scalar != "`"), "\(scalar)")
        }
    }

    @Test func lettersOutsideTheTableSwitchToUCS2() async {
        for text in ["ç", "á", "Ñandú ç", "’", "“quoted”", "`", "\u{1B}", "東京"] {
            #expect(SMSSegments(text).encoding == .ucs2, "\(text)")
        }
        for text in ["éèùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà", "Text HELP to 233733 @ $5 & 100%"] {
            #expect(SMSSegments(text).encoding == .gsm7, "\(text)")
        }
    }

    @Test func gsm7FitsOneSegmentUpTo160Then153EachPart() async {
        func segments(_ count: Int) -> Int { SMSSegments(String(repeating: "a", count: count)).segments }
        #expect(SMSSegments("").segments == 1)
        #expect(SMSSegments("").characters == 0)
        #expect(segments(160) == 1)
        #expect(segments(161) == 2)
        #expect(segments(306) == 2)
        #expect(segments(307) == 3)
        #expect(segments(459) == 3)
        #expect(segments(460) == 4)
        #expect(SMSSegments(String(repeating: "a", count: 161)).isMultipart)
        #expect(!SMSSegments(String(repeating: "a", count: 160)).isMultipart)
    }

    @Test func extensionCharactersCountDouble() async {
        let eighty = SMSSegments(String(repeating: "€", count: 80))
        #expect(eighty.characters == 160)
        #expect(eighty.encoding == .gsm7)
        #expect(eighty.segments == 1)
        #expect(SMSSegments(String(repeating: "€", count: 81)).segments == 2)
        #expect(SMSSegments("[a]{b}").characters == 10)
        #expect(SMSSegments("\r\n").characters == 2, "CR and LF are two septets even as one Swift character")
    }

    @Test func anEscapedCharacterIsNeverSplitAcrossSegments() async {
        // 306 septets would fit two parts of 153, but the euro would straddle them.
        let text = String(repeating: "a", count: 152) + "€" + String(repeating: "a", count: 152)
        let sms = SMSSegments(text)
        #expect(sms.characters == 306)
        #expect(sms.segments == 3)
    }

    @Test func ucs2FitsOneSegmentUpTo70Then67EachPart() async {
        func segments(_ count: Int) -> Int { SMSSegments("ç" + String(repeating: "a", count: count - 1)).segments }
        #expect(segments(70) == 1)
        #expect(segments(71) == 2)
        #expect(segments(134) == 2)
        #expect(segments(135) == 3)
        let sms = SMSSegments("ç" + String(repeating: "€", count: 69))
        #expect(sms.encoding == .ucs2)
        #expect(sms.characters == 70, "in UCS-2 the euro is one code unit like any other character")
    }

    @Test func charactersBeyondTheBMPTakeTwoCodeUnitsAndStayWhole() async {
        let emoji = SMSSegments("😀")
        #expect(emoji.encoding == .ucs2)
        #expect(emoji.characters == 2)
        // 66 units then a pair: the pair does not fit the first part's 67th unit.
        let text = String(repeating: "a", count: 66) + "😀" + String(repeating: "a", count: 66)
        #expect(SMSSegments(text).characters == 134)
        #expect(SMSSegments(text).segments == 3)
    }
}
