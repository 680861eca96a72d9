extension PromQLExpr {
    /// Returns those of `labels` that the query's output series cannot carry,
    /// in the order given. See ``outputLabels`` for the rules.
    func droppedLabels<S: Sequence>(among labels: S) -> [String] where S.Element == String {
        let output = outputLabels
        return labels.filter { !output.keeps($0) }
    }

    /// Static approximation of the labels on this expression's output:
    ///
    /// - Selectors keep every label; scalars and strings have none.
    /// - Aggregations keep only the `by` labels, drop the `without` labels
    ///   (and `__name__`), or drop everything without a clause; `topk` and
    ///   `bottomk` keep all labels; `count_values` adds its label.
    /// - Binary operations take the labels of the vector side; between two
    ///   vectors, one-to-one matching keeps the left side's labels restricted
    ///   to `on (…)` (so `on ()` keeps none) or minus `ignoring (…)`;
    ///   `group_left`/`group_right` keep the "many" side and add the listed
    ///   labels; `and`/`unless` keep the left side; `or` keeps a label only if
    ///   both sides keep it. Arithmetic and `bool` comparisons drop `__name__`.
    /// - `vector`, `scalar`, `time`, `pi` and date functions without argument
    ///   produce no labels; `absent`/`absent_over_time` produce the labels of
    ///   the argument selector's equality matchers; `label_replace` and
    ///   `label_join` add their destination label; `histogram_quantile` drops
    ///   `le`; `sort`, `sort_desc` and `last_over_time` keep everything; all
    ///   other functions keep the labels of their vector argument minus `__name__`.
    /// - Subqueries, parentheses and unary `+` are transparent; unary `-`
    ///   drops `__name__`.
    var outputLabels: PromQLOutputLabels {
        switch kind {
        case .number, .string:
            return .none
        case .vectorSelector, .matrixSelector:
            return .all
        case .subquery(let subquery):
            return subquery.expr.outputLabels
        case .paren(let inner):
            return inner.outputLabels
        case .unary(let op, let operand):
            return op == .minus ? operand.outputLabels.removing(["__name__"]) : operand.outputLabels
        case .aggregation(let aggregation):
            return Self.outputLabels(of: aggregation)
        case .binary(let binary):
            return Self.outputLabels(of: binary)
        case .call(let call):
            return Self.outputLabels(of: call)
        }
    }

    private static func outputLabels(of aggregation: PromQLAggregation) -> PromQLOutputLabels {
        let inner = aggregation.expr.outputLabels
        if aggregation.op == .topk || aggregation.op == .bottomk {
            return inner
        }
        var result: PromQLOutputLabels
        switch aggregation.grouping {
        case .by(let labels)?: result = inner.restricting(to: labels)
        case .without(let labels)?: result = inner.removing(labels + ["__name__"])
        case nil: result = .none
        }
        if aggregation.op == .countValues, let param = aggregation.param, let label = param.stringValue {
            result = result.adding([label])
        }
        return result
    }

    private static func outputLabels(of binary: PromQLBinaryExpr) -> PromQLOutputLabels {
        let lhsType = binary.lhs.resultType
        let rhsType = binary.rhs.resultType
        if lhsType == .scalar && rhsType == .scalar { return .none }
        let dropName = binary.op.dropsMetricName || binary.returnBool
        func finish(_ labels: PromQLOutputLabels) -> PromQLOutputLabels {
            dropName ? labels.removing(["__name__"]) : labels
        }
        if lhsType == .scalar { return finish(binary.rhs.outputLabels) }
        if rhsType == .scalar { return finish(binary.lhs.outputLabels) }
        switch binary.op {
        case .and, .unless:
            return binary.lhs.outputLabels
        case .or:
            return binary.lhs.outputLabels.intersection(binary.rhs.outputLabels)
        default:
            break
        }
        guard let matching = binary.matching else {
            return finish(binary.lhs.outputLabels)
        }
        switch matching.group {
        case .left(let include)?:
            return finish(binary.lhs.outputLabels).adding(include)
        case .right(let include)?:
            return finish(binary.rhs.outputLabels).adding(include)
        case nil:
            let lhs = finish(binary.lhs.outputLabels)
            return matching.kind == .on ? lhs.restricting(to: matching.labels) : lhs.removing(matching.labels)
        }
    }

    private static func outputLabels(of call: PromQLCall) -> PromQLOutputLabels {
        let args = call.args
        switch call.name {
        case "vector", "scalar", "time", "pi":
            return .none
        case "absent", "absent_over_time":
            guard let first = args.first, let selector = first.underlyingSelector else { return .none }
            // Like createLabelsForAbsentFunction: a label survives if its last
            // mention is an equality matcher that is also its only one.
            var labels: [String: Bool] = [:]
            for matcher in selector.matchers where matcher.name != "__name__" {
                if matcher.op == .equal && labels[matcher.name] == nil {
                    labels[matcher.name] = true
                } else {
                    labels[matcher.name] = false
                }
            }
            return .only(Set(labels.filter(\.value).keys))
        case "label_replace", "label_join":
            guard let first = args.first else { return .none }
            var result = first.outputLabels
            if args.count > 1, let destination = args[1].stringValue {
                result = result.adding([destination])
            }
            return result
        case "sort", "sort_desc", "last_over_time":
            return args.first?.outputLabels ?? .none
        case "histogram_quantile":
            guard args.count > 1 else { return .none }
            return args[1].outputLabels.removing(["le", "__name__"])
        default:
            // Date functions without argument work on vector(time()).
            guard let argument = args.first(where: { $0.resultType == .instantVector || $0.resultType == .rangeVector })
            else {
                return .none
            }
            return argument.outputLabels.removing(["__name__"])
        }
    }

    /// The string value of a (possibly parenthesised) string literal.
    var stringValue: String? {
        switch kind {
        case .string(let value): return value
        case .paren(let inner): return inner.stringValue
        default: return nil
        }
    }

    /// The selector of a (possibly parenthesised) instant or range selector.
    var underlyingSelector: PromQLVectorSelector? {
        switch kind {
        case .vectorSelector(let selector): return selector
        case .matrixSelector(let matrix): return matrix.selector
        case .paren(let inner): return inner.underlyingSelector
        default: return nil
        }
    }
}
