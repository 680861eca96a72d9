/// Checks regular expressions of `=~`/`!~` matchers the way Prometheus does
/// when it parses a query, and answers whether a regex matches "".
///
/// Prometheus compiles matcher regexes with Go's RE2 syntax
/// (`regexp/syntax`, Perl flags) — both the bare pattern and the anchored
/// form `^(?:pattern)$` — and rejects the query if either fails. This is a
/// port of the syntax rules of Go 1.19's parser (the toolchain Prometheus
/// 2.42 is built with): escapes, classes, POSIX and Unicode classes (Unicode
/// 13 script names), `(?flags)`, `(?P<name>…)`, repetition limits (1000,
/// also for nested counted repetitions), nested repetition operators.
/// Not ported: the "expression too large" program-size limit.
enum PromQLRegexValidator {
    /// `nil` when `pattern` is a valid Prometheus regex, else the reason.
    static func validate(_ pattern: String) -> String? {
        var parser = PromQLRegexParser(pattern)
        do {
            _ = try parser.parse()
        } catch {
            return error.message
        }
        if parser.unterminatedQuote {
            // Valid alone, but Prometheus also compiles "^(?:" + pattern + ")$",
            // where \Q swallows the closing parenthesis.
            return "missing closing ): \\Q without \\E quotes the rest of the pattern"
        }
        return nil
    }

    /// Whether the fully anchored regex matches the empty string.
    /// Invalid patterns (rejected by the parser anyway) report `false`.
    static func matchesEmptyString(_ pattern: String) -> Bool {
        var parser = PromQLRegexParser(pattern)
        guard let node = try? parser.parse() else { return false }
        return node.isNullable
    }
}
