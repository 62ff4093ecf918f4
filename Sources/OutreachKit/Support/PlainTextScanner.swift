import Foundation

extension InputText {
    /// ``plainText(_:)``'s test, made on a text that comes in pieces, split anywhere: a file read as
    /// it is parsed. Whether the pieces, joined, are a text ``plainText(_:)`` takes as it is.
    struct PlainTextScanner {
        /// Bytes not yet checked: the start of a character whose end has not come yet, and what came
        /// since, up to a block.
        private var pending: [UInt8] = []
        private var atStart = true
        private(set) var isPlain = true
        private static let block = 64 << 10

        /// Checks the next piece; false once the text so far is not plain.
        mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Bool {
            guard isPlain else { return false }
            pending.append(contentsOf: bytes)
            if pending.count >= Self.block { check(final: false) }
            return isPlain
        }

        /// Whether the whole text, every piece given, is plain.
        mutating func finish() -> Bool {
            if isPlain { check(final: true) }
            return isPlain
        }

        /// Checks what is pending, but for the start of a character cut off at its end (unless `final`).
        private mutating func check(final: Bool) {
            if atStart {
                guard final || pending.count >= 3 else { return }
                atStart = false
                if pending.starts(with: [0xEF, 0xBB, 0xBF]) { isPlain = false; return }
            }
            let cut = final ? pending.count : Self.completeCount(pending)
            let whole = pending[..<cut]
            if !Self.isClean(whole) || String(validating: whole, as: UTF8.self) == nil { isPlain = false; return }
            pending.removeFirst(cut)
        }

        /// How many of `bytes` come before a character whose last bytes are not there yet.
        static func completeCount(_ bytes: [UInt8]) -> Int {
            var index = bytes.count - 1
            while index >= 0, index >= bytes.count - 3 {
                let byte = bytes[index]
                if byte & 0xC0 != 0x80 {
                    let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 1
                    return index + length > bytes.count ? index : bytes.count
                }
                index -= 1
            }
            return bytes.count
        }

        /// ``plainText(_:)``'s test of single bytes: no control character but tab and line feed, no DEL, no C1 control.
        static func isClean<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
            var index = bytes.startIndex
            while index < bytes.endIndex {
                let byte = bytes[index]
                if byte < 0x20 && byte != 0x09 && byte != 0x0A { return false }
                if byte == 0x7F { return false }
                // U+0080–U+009F, the C1 controls, are C2 80 to C2 9F in UTF-8.
                if byte == 0xC2, index + 1 < bytes.endIndex, (0x80...0x9F).contains(bytes[index + 1]) { return false }
                index += 1
            }
            return true
        }
    }
}
