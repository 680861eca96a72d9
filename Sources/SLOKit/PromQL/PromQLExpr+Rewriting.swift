extension PromQLExpr {
    /// Replaces the range of every range vector selector (`x[5m]` → `x[1h]`).
    /// Subquery ranges are left alone unless `includingSubqueries` is set.
    func replacingRanges(with range: PromQLDuration, includingSubqueries: Bool = false) -> PromQLExpr {
        transformed { node in
            var node = node
            switch node.kind {
            case .matrixSelector(var matrix):
                matrix.range = range
                node.kind = .matrixSelector(matrix)
            case .subquery(var subquery) where includingSubqueries:
                subquery.range = range
                node.kind = .subquery(subquery)
            default:
                break
            }
            return node
        }
    }

    /// Appends `matchers` to every vector selector, instant or range (e.g. to
    /// scope an SLI to `service="checkout"`). Matchers on a label that a
    /// selector already constrains are added anyway, which intersects the
    /// conditions.
    func addingMatchers(_ matchers: [PromQLLabelMatcher]) -> PromQLExpr {
        transformed { node in
            var node = node
            switch node.kind {
            case .vectorSelector(var selector):
                selector.matchers += matchers
                node.kind = .vectorSelector(selector)
            case .matrixSelector(var matrix):
                matrix.selector.matchers += matchers
                node.kind = .matrixSelector(matrix)
            default:
                break
            }
            return node
        }
    }
}
