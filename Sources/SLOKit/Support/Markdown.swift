/// Markdown escaping for user-supplied text, so tables stay tables and no HTML gets through.
enum Markdown {
    /// Inline text: Markdown punctuation backslash-escaped, `<`, `>`, `&` as entities, line breaks as spaces.
    static func text(_ value: String) -> String {
        // Most text (names, descriptions) has nothing to escape: a byte scan proves it and
        // returns it whole. U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
        let plain = value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"), UInt8(ascii: "<"), UInt8(ascii: ">"),
                UInt8(ascii: "&"), UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"),
                UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "|"), UInt8(ascii: "#"), UInt8(ascii: "~"),
                UInt8(ascii: "!"), 0xE2:
                false
            default: true
            }
        }
        if plain { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count)
        var previousWasCR = false
        for character in value.unicodeScalars {
            defer { previousWasCR = character == "\r" }
            switch character {
            case "\n":
                if !previousWasCR { out += " " }
            case "\r", "\t", "\u{2028}", "\u{2029}": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~", "!":
                out += "\\"
                out.unicodeScalars.append(character)
            default:
                out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A code span on one line; inside a table `|` is escaped too (GFM splits cells before code spans).
    static func code(_ value: String, inTable: Bool = false) -> String {
        var flat = value
        if value.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            flat = ""
            for character in value.unicodeScalars {
                flat += character == "\n" || character == "\r" ? " " : String(character)
            }
        }
        if inTable, flat.utf8.contains(UInt8(ascii: "|")) { flat = flat.replacingAll("|", with: "\\|") }
        // Without a backtick (the usual case) the fence is one and no padding is needed.
        guard flat.utf8.contains(UInt8(ascii: "`")) || flat.isEmpty else { return "`" + flat + "`" }
        let fence = String(repeating: "`", count: longestRun(of: "`", in: flat) + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.isEmpty ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// A fenced code block whose fence is longer than any backtick run in the text.
    static func codeBlock(_ value: String, language: String = "") -> String {
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: value) + 1))
        var body = value
        while body.hasSuffix("\n") { body.removeLast() }
        return "\(fence)\(language)\n\(body)\n\(fence)\n"
    }

    /// A link when the target is a plain http(s) URL, a code span otherwise (templates, odd characters).
    static func link(_ text: String, url: String, inTable: Bool = false) -> String {
        let safe =
            (url.hasPrefix("https://") || url.hasPrefix("http://") || isSiblingFile(url))
            && !url.unicodeScalars.contains { " <>()|\\`\"'\n\r\t{}".unicodeScalars.contains($0) }
        return safe ? "[\(Markdown.text(text))](\(url))" : code(url, inTable: inTable)
    }

    /// A file next to the document (`orders-api.html`): letters, digits, `.`, `-`, `_` only.
    static func isSiblingFile(_ url: String) -> Bool {
        !url.isEmpty && !url.hasPrefix(".")
            && url.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || ".-_".unicodeScalars.contains($0)
            }
    }

    /// A table: header cells and rows, every cell already escaped.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: "---|", count: header.count) + "\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }

    /// A percentage from a ratio, to at most `decimals` decimals: 0.13574 → "13.6%".
    static func percent(_ ratio: Double, decimals: Int = 1) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return NumberFormat.clean((ratio * 100 * scale).rounded() / scale) + "%"
    }

    /// "1,000" from 1000.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return out
    }

    private static func longestRun(of character: Character, in value: String) -> Int {
        if character.isASCII, let byte = character.asciiValue, !value.utf8.contains(byte) { return 0 }
        var longest = 0
        var current = 0
        for c in value {
            current = c == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}

/// A burn-rate factor to three significant digits: 0.988235294118 → "0.988", 13.44 → "13.4".
func factorText(_ factor: Double) -> String { Readable.factor(factor) }
