extension String {
    /// The text without leading and trailing whitespace, as a view into it (no copy).
    var trimmingWhitespace: Substring {
        var sub = Substring(self)
        while let first = sub.first, first.isWhitespace { sub.removeFirst() }
        while let last = sub.last, last.isWhitespace { sub.removeLast() }
        return sub
    }
}

extension String {
    /// Replaces every occurrence (Foundation-free, for the library's hot paths).
    ///
    /// Searches UTF-8 bytes: a match of valid UTF-8 in valid UTF-8 always starts and ends on a
    /// scalar boundary, and a byte scan is many times faster than `firstRange(of:)`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        let text = Array(utf8)
        let needle = Array(target.utf8)
        guard let first = needle.first, text.count >= needle.count else { return self }
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while index <= text.count - needle.count {
            if text[index] == first, text[index..<index + needle.count].elementsEqual(needle) {
                if out.isEmpty { out.reserveCapacity(text.count + replacement.utf8.count) }
                out += text[copied..<index]
                out += replacement.utf8
                index += needle.count
                copied = index
            } else {
                index += 1
            }
        }
        guard copied > 0 else { return self }
        out += text[copied...]
        return String(decoding: out, as: UTF8.self)
    }
}
