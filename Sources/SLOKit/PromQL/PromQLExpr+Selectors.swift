extension PromQLExpr {
    /// Every vector selector of the query (instant and range), in source order.
    var selectors: [PromQLSelectorReference] {
        var result: [PromQLSelectorReference] = []
        forEach { node in
            switch node.kind {
            case .vectorSelector(let selector):
                result.append(PromQLSelectorReference(selector: selector, range: nil, sourceRange: node.range))
            case .matrixSelector(let matrix):
                result.append(
                    PromQLSelectorReference(selector: matrix.selector, range: matrix.range, sourceRange: node.range))
            default:
                break
            }
        }
        return result
    }

    /// The distinct metric names the query selects, in order of first
    /// appearance. Names given as `{__name__="x"}` count; selectors whose
    /// name is only constrained by a regex (`{__name__=~"x.*"}`) do not.
    var metricNames: [String] {
        var seen = Set<String>()
        var names: [String] = []
        for reference in selectors {
            if let name = reference.metricName, seen.insert(name).inserted {
                names.append(name)
            }
        }
        return names
    }
}
