extension PromQLSyntaxParser {
    /// Parses the optional `{…}` after a metric name (or the braces alone).
    /// `start`/`nameEnd` are byte offsets of the name (equal when there is none).
    mutating func parseVectorSelector(name: String?, start: Int, nameEnd: Int) throws(PromQLError) -> PromQLExpr {
        var matchers: [PromQLLabelMatcher] = []
        var end = nameEnd
        if token.kind == .leftBrace {
            (matchers, end) = try parseLabelMatchers()
        }
        let selector = PromQLVectorSelector(name: name, matchers: matchers)
        return PromQLExpr(.vectorSelector(selector), range: scalarRange(start, end))
    }

    /// Parses `{ name op "value", … }`; the current token is "{".
    mutating func parseLabelMatchers() throws(PromQLError) -> ([PromQLLabelMatcher], Int) {
        try advance()
        var matchers: [PromQLLabelMatcher] = []
        while true {
            if token.kind == .rightBrace {
                let end = token.end
                try advance()
                return (matchers, end)
            }
            guard token.kind == .identifier else {
                throw unexpected(token, in: "label matching", expected: "identifier or \"}\"")
            }
            let nameToken = token
            try advance()
            let op: PromQLLabelMatcher.Operator
            switch token.kind {
            case .eql: op = .equal
            case .neq: op = .notEqual
            case .eqlRegex: op = .regexMatch
            case .neqRegex: op = .regexNoMatch
            default:
                throw unexpected(token, in: "label matching", expected: "label matching operator (=, !=, =~ or !~)")
            }
            let operatorToken = token
            try advance()
            guard token.kind == .string else {
                let hint = lexer.quotedMatcherHint(
                    name: nameToken.start..<nameToken.end, operator: operatorToken.start..<operatorToken.end,
                    valueStart: token.start)
                throw unexpected(token, in: "label matching", expected: "string (\(hint))")
            }
            let valueToken = token
            let (value, isValidUTF8) = decodeString(valueToken)
            if op.isRegex {
                if !isValidUTF8 {
                    throw error(
                        at: valueToken,
                        "invalid regular expression: invalid UTF-8 (a \\x or octal escape produced a byte that is not valid UTF-8)"
                    )
                }
                if let problem = PromQLRegexValidator.validate(value) {
                    throw error(at: valueToken, "invalid regular expression \(PromQLPrinter.quote(value)): \(problem)")
                }
            }
            matchers.append(
                PromQLLabelMatcher(
                    name: text(nameToken), op: op, value: value, range: scalarRange(nameToken.start, valueToken.end)))
            try advance()
            if token.kind == .comma {
                try advance()
                continue
            }
            guard token.kind == .rightBrace else {
                throw unexpected(token, in: "label matching", expected: "\",\" or \"}\"")
            }
        }
    }

    // MARK: Postfix modifiers

    /// Applies `[range]`, `[range:step]`, `offset` and `@` modifiers that follow `base`.
    mutating func parsePostfix(_ base: PromQLExpr) throws(PromQLError) -> PromQLExpr {
        var expr = base
        while true {
            switch token.kind {
            case .leftBracket:
                expr = try parseRangeOrSubquery(expr)
            case .offset:
                try advance()
                var negative = false
                if token.kind == .sub {
                    negative = true
                    try advance()
                }
                guard token.kind == .duration else {
                    throw unexpected(token, in: "offset", expected: "duration (e.g. offset 5m or offset -5m)")
                }
                let duration = try parsePositiveDuration(token)
                let end = lexer.positions.scalarOffset(token.end)
                try advance()
                expr = try applyOffset(
                    PromQLDuration(milliseconds: negative ? -duration : duration), to: expr, end: end)
            case .at:
                try advance()
                let modifier: PromQLAtModifier
                switch token.kind {
                case .number, .add, .sub:
                    var sign = 1.0
                    if token.kind != .number {
                        sign = token.kind == .sub ? -1 : 1
                        try advance()
                        guard token.kind == .number else {
                            throw unexpected(token, in: "@", expected: "timestamp")
                        }
                    }
                    let seconds = sign * (try parseNumber(token))
                    let end = lexer.positions.scalarOffset(token.end)
                    try advance()
                    if !seconds.isFinite || seconds >= 9.223372036854775807e18 || seconds <= -9.223372036854775808e18 {
                        throw error(
                            in: expr.range.lowerBound..<end,
                            "timestamp out of bounds for @ modifier: \(seconds); write a Unix timestamp in seconds")
                    }
                    // timestamp.FromFloatSeconds: int64(math.Round(ts * 1000)).
                    modifier = .timestamp(milliseconds: Self.roundedMilliseconds(seconds))
                    expr = try applyAt(modifier, to: expr, end: end)
                case .start, .end:
                    modifier = token.kind == .start ? .start : .end
                    try advance()
                    guard token.kind == .leftParen else {
                        throw unexpected(token, in: "@", expected: "timestamp")
                    }
                    try advance()
                    guard token.kind == .rightParen else {
                        throw unexpected(token, in: "@", expected: "timestamp")
                    }
                    let end = lexer.positions.scalarOffset(token.end)
                    try advance()
                    expr = try applyAt(modifier, to: expr, end: end)
                default:
                    throw unexpected(token, in: "@", expected: "timestamp")
                }
            default:
                return expr
            }
        }
    }

    /// `int64(math.Round(seconds * 1000))` without libm: rounds half away
    /// from zero; products outside Int64 become Int64.min, like Go on amd64.
    static func roundedMilliseconds(_ seconds: Double) -> Int64 {
        let value = seconds * 1000
        guard value > -9.223372036854775808e18, value < 9.223372036854775808e18 else { return Int64.min }
        if abs(value) >= 4_503_599_627_370_496 { return Int64(value) }  // already integral (>= 2^52)
        let truncated = Int64(value)
        let fraction = value - Double(truncated)
        if fraction >= 0.5 { return truncated + 1 }
        if fraction <= -0.5 { return truncated - 1 }
        return truncated
    }

    private mutating func parseRangeOrSubquery(_ expr: PromQLExpr) throws(PromQLError) -> PromQLExpr {
        let leftBracket = token
        try advance()  // The lexer guarantees a duration (or throws).
        let range = PromQLDuration(milliseconds: try parsePositiveDuration(token))
        try advance()
        switch token.kind {
        case .rightBracket:
            let rightBracket = token
            let bracketRange = scalarRange(leftBracket.start, rightBracket.end)
            guard case .vectorSelector(let selector) = expr.kind else {
                throw error(
                    in: bracketRange,
                    "ranges only allowed for vector selectors; for other expressions use a subquery such as [5m:1m]")
            }
            if selector.offset != nil {
                throw error(
                    in: bracketRange,
                    "no offset modifiers allowed before range; write the offset after the range, e.g. x[5m] offset 1h")
            }
            if case .timestamp = selector.at {
                throw error(
                    in: bracketRange,
                    "no @ modifiers allowed before range; write the @ modifier after the range, e.g. x[5m] @ 1609746000"
                )
            }
            try advance()
            let matrix = PromQLMatrixSelector(selector: selector, range: range)
            return PromQLExpr(.matrixSelector(matrix), range: expr.range.lowerBound..<bracketRange.upperBound)
        case .colon:
            try advance()
            var step: PromQLDuration?
            if token.kind == .duration {
                step = PromQLDuration(milliseconds: try parsePositiveDuration(token))
                try advance()
            }
            guard token.kind == .rightBracket else {
                throw unexpected(token, in: "subquery selector", expected: step == nil ? "duration or \"]\"" : "\"]\"")
            }
            let end = lexer.positions.scalarOffset(token.end)
            try advance()
            let subquery = PromQLSubquery(expr: expr, range: range, step: step)
            return PromQLExpr(.subquery(subquery), range: expr.range.lowerBound..<end)
        default:
            throw unexpected(token, in: "subquery or range", expected: "\":\" or \"]\"")
        }
    }

    private func applyOffset(_ offset: PromQLDuration, to expr: PromQLExpr, end: Int) throws(PromQLError) -> PromQLExpr
    {
        var result = expr
        result.range = expr.range.lowerBound..<end
        let multiple = "offset may not be set multiple times"
        switch expr.kind {
        case .vectorSelector(var selector):
            if selector.offset != nil { throw error(in: expr.range, multiple) }
            selector.offset = offset
            result.kind = .vectorSelector(selector)
        case .matrixSelector(var matrix):
            if matrix.selector.offset != nil { throw error(in: expr.range, multiple) }
            matrix.selector.offset = offset
            result.kind = .matrixSelector(matrix)
        case .subquery(var subquery):
            if subquery.offset != nil { throw error(in: expr.range, multiple) }
            subquery.offset = offset
            result.kind = .subquery(subquery)
        default:
            throw error(
                in: expr.range,
                "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery; move the offset onto the selector inside, e.g. rate(x[5m] offset 1h)"
            )
        }
        return result
    }

    private func applyAt(_ modifier: PromQLAtModifier, to expr: PromQLExpr, end: Int) throws(PromQLError) -> PromQLExpr
    {
        var result = expr
        result.range = expr.range.lowerBound..<end
        let multiple = "@ <timestamp> may not be set multiple times"
        switch expr.kind {
        case .vectorSelector(var selector):
            if selector.at != nil { throw error(in: expr.range, multiple) }
            selector.at = modifier
            result.kind = .vectorSelector(selector)
        case .matrixSelector(var matrix):
            if matrix.selector.at != nil { throw error(in: expr.range, multiple) }
            matrix.selector.at = modifier
            result.kind = .matrixSelector(matrix)
        case .subquery(var subquery):
            if subquery.at != nil { throw error(in: expr.range, multiple) }
            subquery.at = modifier
            result.kind = .subquery(subquery)
        default:
            throw error(
                in: expr.range,
                "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery; move it onto the selector inside"
            )
        }
        return result
    }
}
