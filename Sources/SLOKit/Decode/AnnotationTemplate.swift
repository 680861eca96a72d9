/// A conservative check of Prometheus alert templates (Go text/template with Prometheus's
/// functions), so a broken `{{ … }}` in an annotation is reported at the spec instead of by
/// `promtool check rules` on the generated file.
///
/// It accepts the forms people write — `{{ $labels.route }}`, `{{ $value | humanizePercentage }}`,
/// `{{ printf "%.2f" $value }}`, `{{ if … }}…{{ end }}` — and rejects unclosed actions, empty
/// actions, unbalanced quotes or parentheses, unknown functions and unbalanced `if`/`range`/`with`.
enum AnnotationTemplate {
    /// Functions Prometheus registers for alert templates, plus Go's builtins.
    static let functions: Set<String> = [
        "humanize", "humanize1024", "humanizeDuration", "humanizePercentage", "humanizeTimestamp",
        "toTime", "query", "first", "label", "value", "strvalue", "args", "tmpl", "safeHtml", "match",
        "title", "toUpper", "toLower", "graphLink", "tableLink", "sortByLabel", "stripPort", "stripDomain",
        "reReplaceAll", "pathPrefix", "externalURL", "parseDuration", "printf", "print", "println",
        "len", "index", "slice", "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "html", "js", "urlquery",
        "call",
    ]
    static let keywords: Set<String> = [
        "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue", "nil",
    ]

    /// A message saying what is wrong and what to write, or nil when the template is fine.
    static func problem(in text: String) -> (offset: Int, message: String)? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var depth = 0
        while index + 1 < scalars.count {
            guard scalars[index] == "{", scalars[index + 1] == "{" else {
                index += 1
                continue
            }
            let start = index
            var cursor = index + 2
            var quote: Unicode.Scalar?
            var close: Int?
            while cursor + 1 < scalars.count || (cursor < scalars.count && quote != nil) {
                let scalar = scalars[cursor]
                if let open = quote {
                    if scalar == "\\", open == "\"" {
                        cursor += 2
                        continue
                    }
                    if scalar == open { quote = nil }
                } else if scalar == "\"" || scalar == "`" || scalar == "'" {
                    quote = scalar
                } else if scalar == "}", scalars[cursor + 1] == "}" {
                    close = cursor
                    break
                }
                cursor += 1
            }
            guard let end = close else {
                return (
                    start,
                    "template action `{{` is not closed; close it with `}}` or write the braces literally as `{{ \"{{\" }}`"
                )
            }
            var body = String(String.UnicodeScalarView(scalars[(start + 2)..<end]))
            body = String(body.trimmingWhitespace)
            if body.hasPrefix("-") { body = String(String(body.dropFirst()).trimmingWhitespace) }
            if body.hasSuffix("-") { body = String(String(body.dropLast()).trimmingWhitespace) }
            if body.hasPrefix("/*") {
                index = end + 2
                continue
            }
            guard !body.isEmpty else {
                return (start, "empty template action `{{ }}`; write e.g. `{{ $labels.instance }}`")
            }
            var parentheses = 0
            for scalar in body.unicodeScalars {
                if scalar == "(" { parentheses += 1 }
                if scalar == ")" { parentheses -= 1 }
                if parentheses < 0 { break }
            }
            if parentheses != 0 { return (start, "unbalanced parentheses in template action `{{\(body)}}`") }
            let words = body.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "|" || $0 == "(" || $0 == ")" })
            let first = words.first.map(String.init) ?? ""
            switch first {
            case "if", "range", "with", "define", "block": depth += 1
            case "end": depth -= 1
            default: break
            }
            if depth < 0 { return (start, "`{{ end }}` without an opening `{{ if }}`, `{{ range }}` or `{{ with }}`") }
            for word in words {
                guard let initial = word.unicodeScalars.first else { continue }
                let isIdentifier = initial.properties.isAlphabetic || initial == "_"
                if isIdentifier, !functions.contains(String(word)), !keywords.contains(String(word)),
                    !["true", "false"].contains(String(word))
                {
                    return (
                        start,
                        "unknown template function `\(word)`; use `$labels.<name>`, `$value` or a Prometheus template function such as `humanize`"
                    )
                }
            }
            index = end + 2
        }
        if depth > 0 {
            return (scalars.count, "a template `{{ if }}`, `{{ range }}` or `{{ with }}` has no `{{ end }}`")
        }
        return nil
    }
}
