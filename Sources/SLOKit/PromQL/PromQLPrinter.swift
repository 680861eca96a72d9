/// Writes expressions back as canonical PromQL text.
///
/// The output is deterministic and re-parses to an equal expression:
/// parentheses are printed where the tree has `.paren` nodes and added only
/// where a synthesised tree would otherwise parse differently; numbers are
/// printed in the shortest form that round-trips (`Inf`, `NaN`, `1e+30`);
/// strings are double-quoted with Go-style escapes; durations use
/// Prometheus' canonical form (`1h30m`). Layout follows Prometheus' own
/// printer: `sum by (job) (rate(x{a="b",c=~"d"}[5m]))`,
/// `a / on (job) group_left (team) b`.
enum PromQLPrinter {
    /// How numbers and durations are spelled; the structure is printed the same in every style.
    struct Style: Sendable {
        var number: @Sendable (Double) -> String
        var duration: @Sendable (PromQLDuration) -> String

        /// Prometheus' own spelling: shortest round-tripping numbers, `4w` for 28 days.
        static let canonical = Style(number: formatNumber, duration: { $0.description })
    }

    /// The text of `expr`, canonical unless another style is given; also `expr.description`.
    static func print(_ expr: PromQLExpr, style: Style = .canonical) -> String {
        var output = ""
        write(expr, style: style, to: &output)
        return output
    }

    /// Binding strength of an expression as printed (higher binds tighter).
    private static func level(_ expr: PromQLExpr) -> Int {
        switch expr.kind {
        case .binary(let binary): return binary.op.precedence * 10
        case .unary: return 55
        case .number(let value): return value.sign == .minus && !value.isNaN ? 55 : 100
        default: return 100
        }
    }

    private static func writeChild(_ expr: PromQLExpr, parenthesize: Bool, style: Style, to output: inout String) {
        if parenthesize {
            output += "("
            write(expr, style: style, to: &output)
            output += ")"
        } else {
            write(expr, style: style, to: &output)
        }
    }

    private static func write(_ expr: PromQLExpr, style: Style, to output: inout String) {
        switch expr.kind {
        case .number(let value):
            output += style.number(value)
        case .string(let value):
            output += quote(value)
        case .vectorSelector(let selector):
            writeSelector(selector, to: &output)
            writeModifiers(offset: selector.offset, at: selector.at, style: style, to: &output)
        case .matrixSelector(let matrix):
            writeSelector(matrix.selector, to: &output)
            output += "[" + style.duration(matrix.range) + "]"
            writeModifiers(offset: matrix.selector.offset, at: matrix.selector.at, style: style, to: &output)
        case .subquery(let subquery):
            writeChild(subquery.expr, parenthesize: level(subquery.expr) < 100, style: style, to: &output)
            output += "[" + style.duration(subquery.range) + ":" + (subquery.step.map(style.duration) ?? "") + "]"
            writeModifiers(offset: subquery.offset, at: subquery.at, style: style, to: &output)
        case .call(let call):
            output += call.name + "("
            writeList(call.args, style: style, to: &output)
            output += ")"
        case .aggregation(let aggregation):
            output += aggregation.op.rawValue
            switch aggregation.grouping {
            case .by(let labels)?: output += " by (" + labels.joined(separator: ", ") + ") "
            case .without(let labels)?: output += " without (" + labels.joined(separator: ", ") + ") "
            case nil: break
            }
            output += "("
            if let param = aggregation.param {
                write(param, style: style, to: &output)
                output += ", "
            }
            write(aggregation.expr, style: style, to: &output)
            output += ")"
        case .binary(let binary):
            writeBinary(binary, style: style, to: &output)
        case .unary(let op, let operand):
            output += op.rawValue
            // Only `^` and primaries bind tighter than a unary operator; a
            // nested unary needs no parentheses (`- -x`).
            let operandLevel = level(operand)
            writeChild(operand, parenthesize: operandLevel < 60 && operandLevel != 55, style: style, to: &output)
        case .paren(let inner):
            output += "("
            write(inner, style: style, to: &output)
            output += ")"
        }
    }

    private static func writeBinary(_ binary: PromQLBinaryExpr, style: Style, to output: inout String) {
        let precedence = binary.op.precedence * 10
        let lhsLevel = level(binary.lhs)
        let lhsNeedsParens = lhsLevel < precedence || (lhsLevel == precedence && binary.op.isRightAssociative)
        writeChild(binary.lhs, parenthesize: lhsNeedsParens, style: style, to: &output)
        output += " " + binary.op.rawValue
        if binary.returnBool { output += " bool" }
        var rhsText = ""
        let rhsLevel = level(binary.rhs)
        // A unary operand on the right never needs parentheses: it starts the
        // operand and stops at the first operator weaker than `^`.
        let rhsNeedsParens =
            rhsLevel != 55
            && (rhsLevel < precedence || (rhsLevel == precedence && !binary.op.isRightAssociative))
        writeChild(binary.rhs, parenthesize: rhsNeedsParens, style: style, to: &rhsText)
        if let matching = binary.matching {
            output += " " + matching.kind.rawValue + " (" + matching.labels.joined(separator: ", ") + ")"
            if let group = matching.group {
                output += group.isLeft ? " group_left" : " group_right"
                // `group_left (x)` would read "(x)" as the label list, so an
                // empty list is printed explicitly before a "(".
                if !group.labels.isEmpty || rhsText.hasPrefix("(") {
                    output += " (" + group.labels.joined(separator: ", ") + ")"
                }
            }
        }
        output += " " + rhsText
    }

    private static func writeList(_ exprs: [PromQLExpr], style: Style, to output: inout String) {
        for (index, expr) in exprs.enumerated() {
            if index > 0 { output += ", " }
            write(expr, style: style, to: &output)
        }
    }

    private static func writeSelector(_ selector: PromQLVectorSelector, to output: inout String) {
        var matchers = selector.matchers
        if let name = selector.name {
            if isPrintableMetricName(name) {
                output += name
            } else {
                matchers.insert(PromQLLabelMatcher(name: "__name__", op: .equal, value: name), at: 0)
            }
        }
        if !matchers.isEmpty || selector.name == nil || !isPrintableMetricName(selector.name!) {
            output += "{"
            for (index, matcher) in matchers.enumerated() {
                if index > 0 { output += "," }
                output += matcher.name + matcher.op.rawValue + quote(matcher.value)
            }
            output += "}"
        }
    }

    private static func writeModifiers(
        offset: PromQLDuration?, at: PromQLAtModifier?, style: Style, to output: inout String
    ) {
        if let at {
            output += " " + at.description
        }
        if let offset {
            output += " offset " + style.duration(offset)
        }
    }

    /// Whether `name` can be written bare as a metric name: it must lex as an
    /// identifier or as one of the keywords Prometheus accepts as metric names.
    static func isPrintableMetricName(_ name: String) -> Bool {
        let utf8 = Array(name.utf8)
        guard let first = utf8.first, PromQLLexer.isAlpha(first) || first == UInt8(ascii: ":") else { return false }
        var hasColon = false
        for c in utf8 {
            if c == UInt8(ascii: ":") {
                hasColon = true
            } else if !PromQLLexer.isAlphaNumeric(c) {
                return false
            }
        }
        if hasColon { return true }
        let keyword = utf8.withUnsafeBufferPointer { PromQLLexer.keyword($0, 0, $0.count) }
        guard let keyword else { return true }
        return keyword.isMetricIdentifier
    }

    // MARK: Literals

    /// Shortest text that Prometheus parses back to exactly `value`.
    static func formatNumber(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        if abs(value) < 1e15, Double(Int64(value)) == value {
            return String(Int64(value))
        }
        // Swift's description is the shortest round-tripping form ("0.1", "1e-07", "1e+20").
        return value.description
    }

    /// Formats an `@` timestamp (milliseconds) as seconds with up to three decimals.
    static func formatTimestamp(_ milliseconds: Int64) -> String {
        let negative = milliseconds < 0
        let magnitude = milliseconds.magnitude
        var text = String(magnitude / 1000)
        let fraction = magnitude % 1000
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return negative ? "-" + text : text
    }

    /// Double-quotes `value` with the escapes PromQL understands. Control
    /// characters, non-printing characters and U+FFFD (which Prometheus
    /// rejects inside literals) are escaped; other characters are kept.
    static func quote(_ value: String) -> String {
        // Most values are printable ASCII with nothing to escape: copy them whole.
        let plain = value.utf8.allSatisfy { byte in
            byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
        }
        if plain { return "\"" + value + "\"" }
        var output = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            case "\u{07}": output += "\\a"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{0B}": output += "\\v"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F {
                    output += "\\x" + PromQLLexer.hex(v, width: 2)
                } else if v < 0x80 {
                    output.unicodeScalars.append(scalar)
                } else if needsEscape(scalar) {
                    output += v > 0xFFFF ? "\\U" + PromQLLexer.hex(v, width: 8) : "\\u" + PromQLLexer.hex(v, width: 4)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
        return output
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value == 0xFFFD { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned,
            .spaceSeparator:
            return true
        default:
            return false
        }
    }
}
