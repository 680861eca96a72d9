/// Entry point of the PromQL front end.
///
/// Accepts exactly the expressions Prometheus 2.42's `parser.ParseExpr`
/// accepts (which is what `promtool check rules` checks for rule
/// expressions) and reports the first error Prometheus would report, with
/// scalar offsets. Note that, like Prometheus, it accepts expressions whose
/// result is a string or a range vector; rules need
/// `resultType.isValidRuleResult`.
enum PromQLParser {
    /// Parses and type-checks `query`.
    static func parse(_ query: String) throws(PromQLError) -> PromQLExpr {
        let expr = try parseSyntax(query)
        try PromQLTypeChecker.check(expr)
        return expr
    }

    /// Parses `query` with the checks Prometheus makes while parsing but
    /// without the type-checking pass (useful for tooling that wants the
    /// tree of an ill-typed query).
    static func parseSyntax(_ query: String) throws(PromQLError) -> PromQLExpr {
        var query = query
        let result: Result<PromQLExpr, PromQLError> = query.withUTF8 { buffer in
            var parser = PromQLSyntaxParser(buffer)
            return Result { () throws(PromQLError) -> PromQLExpr in try parser.parseQuery() }
        }
        return try result.get()
    }
}

extension PromQLExpr {
    /// Parses `query`; equivalent to ``PromQLParser/parse(_:)``.
    init(parsing query: String) throws(PromQLError) {
        self = try PromQLParser.parse(query)
    }
}
