/// A `#` comment of a YAML file, which libyaml's parser drops: `slo convert` carries comments
/// over to the files it writes.
struct SourceComment: Sendable, Hashable {
    /// The 1-based line the comment is on.
    var line: Int
    /// From the `#` to the end of the line, trailing spaces removed.
    var text: String
    /// True when content comes before it on its line (`objective: 99.9  # note`).
    var trailing: Bool
}

extension SourceComment {
    /// Every comment of a loaded file, in line order.
    ///
    /// Found from the bytes, with the composed node tree telling a `#` inside a value from a
    /// comment: a line inside a multi-line scalar (a literal block of PromQL, a folded
    /// description) is text, and on a line where a scalar ends only what follows its end can be
    /// a comment. Outside scalars a `#` after a space (or at the start) always starts one.
    static func find(in file: SourceFile, documents: [YAMLDocument]) -> [SourceComment] {
        // Lines a multi-line value continues on are text; on a line where values end, a comment
        // can only start after the last of them.
        var textLines = Set<Int>()
        var contentEnd: [Int: Int] = [:]
        func visit(_ node: YAMLNode) {
            switch node.kind {
            case .scalar:
                let (start, end) = (node.range.start, node.range.end)
                if end.line > start.line { textLines.formUnion(start.line..<end.line) }
                if end.line == start.line || end.column > 1 {
                    contentEnd[end.line] = max(contentEnd[end.line] ?? 1, end.column)
                }
            case .sequence(let items): items.forEach(visit)
            case .mapping(let pairs):
                for pair in pairs {
                    visit(pair.key)
                    visit(pair.value)
                }
            }
        }
        documents.forEach { visit($0.root) }
        var comments: [SourceComment] = []
        for (offset, line) in lines(of: file).enumerated() {
            let number = offset + 1
            if textLines.contains(number) { continue }
            let from = contentEnd[number] ?? 1
            let scalars = Array(line.unicodeScalars)
            var index = max(0, from - 1)
            while index < scalars.count {
                if scalars[index] == "#", index == 0 || scalars[index - 1] == " " || scalars[index - 1] == "\t" {
                    let before = scalars[..<index].allSatisfy { $0 == " " || $0 == "\t" }
                    var text = String(String.UnicodeScalarView(scalars[index...]))
                    while text.last == " " || text.last == "\t" { text.removeLast() }
                    comments.append(SourceComment(line: number, text: text, trailing: !before))
                    break
                }
                index += 1
            }
        }
        return comments
    }

    /// The file's lines, split where libyaml splits them (one pass, unlike `SourceFile.line`).
    private static func lines(of file: SourceFile) -> [String] {
        var lines: [String] = []
        file.forEachLine { range, _ in
            lines.append(String(decoding: file.bytes[range], as: UTF8.self))
            return true
        }
        return lines
    }
}
