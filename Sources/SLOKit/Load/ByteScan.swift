/// Checks on raw bytes that must happen before libyaml parses them.
enum ByteScan {
    /// The first NUL byte or invalid UTF-8 sequence, with its line and column.
    static func firstProblem(in file: SourceFile) -> Diagnostic? {
        let bytes = file.bytes
        var line = 1
        var column = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0 {
                return .error(
                    .nulByte, "NUL byte in the file; specs are UTF-8 text — remove the byte or regenerate the file",
                    at: SourceLocation(file: file.path, line: line, column: column))
            }
            let length = sequenceLength(bytes, at: index)
            guard length > 0 else {
                let hex = String(byte, radix: 16, uppercase: true)
                return .error(
                    .invalidUTF8,
                    "invalid UTF-8 (byte 0x\(hex)); save the file as UTF-8",
                    at: SourceLocation(file: file.path, line: line, column: column))
            }
            let lineBreak = SourceFile.lineBreakLength(bytes, at: index)
            if lineBreak > 0 {
                line += 1
                column = 1
                index += lineBreak
                continue
            } else if !(index == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF])) {
                column += 1
            }
            index += length
        }
        return nil
    }

    /// Length of the valid UTF-8 sequence at `index`, or 0 when it is invalid (overlong,
    /// surrogate, out of range or truncated sequences are all rejected).
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let b0 = bytes[index]
        if b0 < 0x80 { return 1 }
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            index + offset < bytes.count && (low...high).contains(bytes[index + offset])
        }
        switch b0 {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }

    /// Harmless but unwanted encodings: a byte-order mark and CRLF line ends.
    static func warnings(in file: SourceFile) -> [Diagnostic] {
        var result: [Diagnostic] = []
        let bytes = file.bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            result.append(
                .warning(
                    .byteOrderMark, "file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM",
                    at: SourceLocation(file: file.path, line: 1, column: 1)))
        }
        if let crlf = firstCRLF(file) {
            result.append(
                .warning(
                    .crlfLineEnds, "file uses CRLF line ends; convert it to LF so diffs of generated output stay clean",
                    at: SourceLocation(file: file.path, line: crlf.line, column: crlf.column)))
        }
        return result
    }

    private static func firstCRLF(_ file: SourceFile) -> (line: Int, column: Int)? {
        let bytes = file.bytes
        var line = 0
        var found: (line: Int, column: Int)?
        file.forEachLine { range, breakLength in
            line += 1
            guard breakLength == 2, bytes[range.upperBound] == UInt8(ascii: "\r") else { return true }
            // The column counts scalars after a byte-order mark, as libyaml's marks do.
            let start = line == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : range.lowerBound
            found = (line, String(decoding: bytes[start..<range.upperBound], as: UTF8.self).unicodeScalars.count + 1)
            return false
        }
        return found
    }
}
