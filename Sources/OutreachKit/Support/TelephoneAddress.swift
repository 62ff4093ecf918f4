/// The one rule for `tel:` addresses: E.164 (`tel:+18028726199`), with `+1`
/// for a North American number written without its country code.
enum TelephoneAddress {
    /// The `tel:` address for a printed phone number.
    ///
    /// A number starting with `+` keeps its country code; ten digits, or eleven
    /// starting with 1, are North American and get `+1`; anything else (a short
    /// code such as 711) is dialled as written.
    static func url(for number: String) -> String {
        let digits = number.filter { $0.isASCII && $0.isNumber }
        if number.trimmedOfWhitespace.hasPrefix("+") { return "tel:+" + digits }
        if digits.count == 10 { return "tel:+1" + digits }
        if digits.count == 11, digits.hasPrefix("1") { return "tel:+" + digits }
        return "tel:" + digits
    }

    /// The `tel:` address for a value that is a phone number (only digits,
    /// spaces and `+-.()`, at least seven digits), or nil for any other value.
    static func url(ifPhoneNumber value: String) -> String? {
        let value = value.trimmedOfWhitespace
        guard value.allSatisfy({ ("0"..."9").contains($0) || " +-.()".contains($0) }),
              value.filter({ ("0"..."9").contains($0) }).count >= 7 else { return nil }
        return url(for: value)
    }
}
