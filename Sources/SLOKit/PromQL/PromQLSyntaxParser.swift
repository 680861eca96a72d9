/// Recursive-descent parser that builds a ``PromQLExpr`` from tokens and
/// performs the checks Prometheus' grammar actions perform while parsing
/// (durations, numbers, regexes, offsets, `@`, argument counts of
/// aggregations, unknown functions). Type checks that Prometheus does in a
/// separate pass live in ``PromQLTypeChecker``.
///
/// Precedence and associativity follow Prometheus' yacc grammar:
/// `or` < `and`/`unless` < comparisons < `+ -` < `* / % atan2` < `^`
/// (right-associative). Unary `+`/`-` binds like `*` but its operand may
/// contain `^` (`-2 ^ 2` is `-(2 ^ 2)`), and the postfix modifiers
/// (`[range]`, `[range:step]`, `offset`, `@`) bind tighter than everything.
struct PromQLSyntaxParser {
    var lexer: PromQLLexer
    var token = PromQLToken(kind: .eof, start: 0, end: 0)

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        lexer = PromQLLexer(bytes)
    }

    var bytes: UnsafeBufferPointer<UInt8> { lexer.bytes }

    @inline(__always)
    mutating func advance() throws(PromQLError) {
        token = try lexer.next()
    }

    @inline(__always)
    func scalarRange(_ start: Int, _ end: Int) -> Range<Int> {
        lexer.positions.scalarRange(start, end)
    }

    func text(_ token: PromQLToken) -> String {
        lexer.text(token.start, token.end)
    }

    func error(_ start: Int, _ end: Int, _ message: String) -> PromQLError {
        lexer.error(start, end, message)
    }

    func error(at token: PromQLToken, _ message: String) -> PromQLError {
        lexer.error(token.start, token.end, message)
    }

    func error(in range: Range<Int>, _ message: String) -> PromQLError {
        PromQLError(offset: range.lowerBound, end: range.upperBound, message: message)
    }

    /// "unexpected <token> in <context>, expected <expected>", Prometheus' wording.
    func unexpected(_ token: PromQLToken, in context: String? = nil, expected: String? = nil) -> PromQLError {
        var message = "unexpected " + describe(token)
        if let context { message += " in " + context }
        if let expected { message += ", expected " + expected }
        return error(at: token, message)
    }

    /// Describes a token for an error message, on one line and at most about
    /// 24 characters long (strings are shown re-quoted, so a raw string with
    /// a newline cannot break the message).
    func describe(_ token: PromQLToken) -> String {
        var value = token.kind == .string ? PromQLPrinter.quote(decodeString(token).value) : text(token)
        if value.unicodeScalars.count > 24 {
            value = String(String.UnicodeScalarView(value.unicodeScalars.prefix(24))) + "…"
        }
        switch token.kind {
        case .eof: return "end of input"
        case .identifier: return "identifier \"\(value)\""
        case .metricIdentifier: return "metric identifier \"\(value)\""
        case .number: return "number \"\(value)\""
        case .string: return "string \(value)"
        case .duration: return "duration \"\(value)\""
        default:
            if token.kind.isKeyword { return "keyword \"\(value)\"" }
            return "\"\(value)\""
        }
    }

    // MARK: Entry point

    mutating func parseQuery() throws(PromQLError) -> PromQLExpr {
        try advance()
        if token.kind == .eof {
            throw error(
                0, token.end,
                "no expression found in input; write a PromQL expression such as sum(rate(http_requests_total[5m]))")
        }
        let expr = try parseExpr(minPrecedence: 0)
        if token.kind != .eof {
            throw unexpected(token, expected: "an operator or the end of the expression")
        }
        return expr
    }

    // MARK: Expressions

    mutating func parseExpr(minPrecedence: Int) throws(PromQLError) -> PromQLExpr {
        var lhs = try parseUnary()
        while let op = token.kind.binaryOperator, op.precedence >= minPrecedence {
            let operatorToken = token
            try advance()
            var returnBool = false
            if token.kind == .bool {
                returnBool = true
                try advance()
            }
            var matching: PromQLVectorMatching?
            if token.kind == .on || token.kind == .ignoring {
                let kind: PromQLVectorMatching.Kind = token.kind == .on ? .on : .ignoring
                try advance()
                let labels = try parseGroupingLabels()
                var group: PromQLVectorMatching.Group?
                if token.kind == .groupLeft || token.kind == .groupRight {
                    let left = token.kind == .groupLeft
                    try advance()
                    // Like Prometheus, a "(" right after group_x is its label list.
                    let include = token.kind == .leftParen ? try parseGroupingLabels() : []
                    group = left ? .left(include) : .right(include)
                }
                matching = PromQLVectorMatching(kind: kind, labels: labels, group: group)
            }
            let rhs = try parseExpr(minPrecedence: op.isRightAssociative ? op.precedence : op.precedence + 1)
            let binary = PromQLBinaryExpr(
                op: op, lhs: lhs, rhs: rhs, returnBool: returnBool, matching: matching,
                operatorRange: scalarRange(operatorToken.start, operatorToken.end)
            )
            lhs = PromQLExpr(.binary(binary), range: lhs.range.lowerBound..<rhs.range.upperBound)
        }
        return lhs
    }

    mutating func parseUnary() throws(PromQLError) -> PromQLExpr {
        guard token.kind == .add || token.kind == .sub else {
            return try parsePostfix(try parsePrimary())
        }
        let operatorToken = token
        try advance()
        // The operand absorbs only `^` (the rule has the precedence of `*`).
        let operand = try parseExpr(minPrecedence: PromQLBinaryOperator.pow.precedence)
        let start = lexer.positions.scalarOffset(operatorToken.start)
        if case .number(let value) = operand.kind {
            // Prometheus folds signs into number literals.
            return PromQLExpr(
                .number(operatorToken.kind == .sub ? -value : value), range: start..<operand.range.upperBound)
        }
        let op: PromQLUnaryOperator = operatorToken.kind == .sub ? .minus : .plus
        return PromQLExpr(.unary(op, operand), range: start..<operand.range.upperBound)
    }

    mutating func parsePrimary() throws(PromQLError) -> PromQLExpr {
        let start = token.start
        switch token.kind {
        case .number:
            let value = try parseNumber(token)
            let end = token.end
            try advance()
            return PromQLExpr(.number(value), range: scalarRange(start, end))
        case .string:
            let value = decodeString(token).value
            let end = token.end
            try advance()
            return PromQLExpr(.string(value), range: scalarRange(start, end))
        case .leftParen:
            try advance()
            let inner = try parseExpr(minPrecedence: 0)
            guard token.kind == .rightParen else {
                throw unexpected(token, in: "parenthesized expression", expected: "\")\"")
            }
            let end = token.end
            try advance()
            return PromQLExpr(.paren(inner), range: scalarRange(start, end))
        case .leftBrace:
            return try parseVectorSelector(name: nil, start: start, nameEnd: start)
        case .identifier:
            let nameToken = token
            try advance()
            if token.kind == .leftParen {
                return try parseCall(nameToken: nameToken)
            }
            return try parseVectorSelector(name: text(nameToken), start: start, nameEnd: nameToken.end)
        default:
            break
        }
        if token.kind.aggregationOperator != nil {
            let operatorToken = token
            try advance()
            if token.kind == .leftParen || token.kind == .by || token.kind == .without {
                return try parseAggregation(operatorToken: operatorToken)
            }
            // A lone aggregation keyword is a metric name (`sum`, `count{…}`).
            return try parseVectorSelector(name: text(operatorToken), start: start, nameEnd: operatorToken.end)
        }
        if token.kind.isMetricIdentifier {
            let nameToken = token
            try advance()
            return try parseVectorSelector(name: text(nameToken), start: start, nameEnd: nameToken.end)
        }
        throw unexpected(token, expected: "an expression")
    }

    // MARK: Calls and aggregations

    /// Parses `( expr, … )`; the current token must be "(".
    /// Returns the arguments and the byte offset just past ")".
    mutating func parseArguments(context: String) throws(PromQLError) -> (args: [PromQLExpr], end: Int) {
        try advance()  // "("
        var args: [PromQLExpr] = []
        if token.kind == .rightParen {
            let end = token.end
            try advance()
            return (args, end)
        }
        while true {
            args.append(try parseExpr(minPrecedence: 0))
            if token.kind == .comma {
                let comma = token
                try advance()
                if token.kind == .rightParen {
                    var failure = error(
                        at: comma, "trailing commas not allowed in function call args; remove the last \",\"")
                    failure.replacement = ""
                    throw failure
                }
                continue
            }
            if token.kind == .rightParen {
                let end = token.end
                try advance()
                return (args, end)
            }
            throw unexpected(token, in: context, expected: "\",\" or \")\"")
        }
    }

    mutating func parseCall(nameToken: PromQLToken) throws(PromQLError) -> PromQLExpr {
        let name = text(nameToken)
        let (args, end) = try parseArguments(context: "call to function \"\(name)\"")
        guard PromQLFunction.named(name) != nil else {
            var message = "unknown function with name \"\(name)\""
            var failure = error(at: nameToken, message)
            if let suggestion = PromQLFunction.closestName(to: name) {
                message += "; did you mean \"\(suggestion)\"?"
                failure = error(at: nameToken, message)
                failure.replacement = suggestion
            }
            throw failure
        }
        return PromQLExpr(.call(PromQLCall(name: name, args: args)), range: scalarRange(nameToken.start, end))
    }

    mutating func parseAggregation(operatorToken: PromQLToken) throws(PromQLError) -> PromQLExpr {
        let op = operatorToken.kind.aggregationOperator!
        var grouping: PromQLGrouping?
        if token.kind == .by || token.kind == .without {
            grouping = try parseGroupingClause().grouping
            guard token.kind == .leftParen else {
                throw unexpected(token, in: "aggregation", expected: "\"(\" followed by the aggregated expression")
            }
        }
        let (args, argumentsEnd) = try parseArguments(context: "aggregation")
        var end = argumentsEnd
        if grouping == nil, token.kind == .by || token.kind == .without {
            (grouping, end) = try parseGroupingClause()
        }
        let range = scalarRange(operatorToken.start, end)
        if args.isEmpty {
            throw error(
                in: range,
                "no arguments for aggregate expression provided; write e.g. \(op.rawValue)(\(op.takesParameter ? "5, " : "")x)"
            )
        }
        let desired = op.takesParameter ? 2 : 1
        if args.count != desired {
            let usage =
                op.takesParameter
                ? "\(op.rawValue)(<\(op == .countValues ? "label" : "parameter")>, <expression>)"
                : "\(op.rawValue)(<expression>)"
            throw error(
                in: range,
                "wrong number of arguments for aggregate expression provided, expected \(desired), got \(args.count); write \(usage)"
            )
        }
        let aggregation = PromQLAggregation(
            op: op,
            param: desired == 2 ? args[0] : nil,
            expr: args[desired - 1],
            grouping: grouping
        )
        return PromQLExpr(.aggregation(aggregation), range: range)
    }

    /// Parses `by (…)` or `without (…)`; the current token is `by`/`without`.
    /// Also returns the byte offset just past the closing parenthesis.
    mutating func parseGroupingClause() throws(PromQLError) -> (grouping: PromQLGrouping, end: Int) {
        let isBy = token.kind == .by
        try advance()
        let (labels, end) = try parseGroupingLabelList()
        return (isBy ? .by(labels) : .without(labels), end)
    }

    mutating func parseGroupingLabels() throws(PromQLError) -> [String] {
        try parseGroupingLabelList().labels
    }

    /// Parses `( label, … )` as used by `by`, `without`, `on`, `ignoring` and
    /// `group_x`; returns the labels and the byte offset just past ")".
    mutating func parseGroupingLabelList() throws(PromQLError) -> (labels: [String], end: Int) {
        guard token.kind == .leftParen else {
            throw unexpected(token, in: "grouping opts", expected: "\"(\"")
        }
        try advance()
        var labels: [String] = []
        while true {
            if token.kind == .rightParen {
                let end = token.end
                try advance()
                return (labels, end)
            }
            guard token.kind.isMaybeLabel, token.kind != .metricIdentifier else {
                throw unexpected(token, in: "grouping opts", expected: "label")
            }
            labels.append(text(token))
            try advance()
            if token.kind == .comma {
                try advance()
                continue
            }
            guard token.kind == .rightParen else {
                throw unexpected(token, in: "grouping opts", expected: "\",\" or \")\"")
            }
        }
    }
}
