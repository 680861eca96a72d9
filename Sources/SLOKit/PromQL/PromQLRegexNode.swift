/// Minimal parse tree: enough to decide nullability and nested repeat limits.
indirect enum PromQLRegexNode {
    case empty
    case character
    case assertion(matchesEmpty: Bool)
    case concat([PromQLRegexNode])
    case alternate([PromQLRegexNode])
    case repetition(PromQLRegexNode, min: Int, max: Int, counted: Bool)
    case group(PromQLRegexNode)

    var isNullable: Bool {
        switch self {
        case .empty: return true
        case .character: return false
        case .assertion(let matchesEmpty): return matchesEmpty
        case .concat(let nodes): return nodes.allSatisfy(\.isNullable)
        case .alternate(let nodes): return nodes.contains(where: \.isNullable)
        case .repetition(let node, let min, _, _): return min == 0 || node.isNullable
        case .group(let node): return node.isNullable
        }
    }

    /// Go's `repeatIsValid`: nested counted repetitions may not multiply beyond `limit`.
    func repeatIsValid(_ limit: Int) -> Bool {
        var n = limit
        switch self {
        case .repetition(let sub, let min, let max, let counted):
            if counted {
                var m = max
                if m == 0 { return true }
                if m < 0 { m = min }
                if m > n { return false }
                if m > 0 { n /= m }
            }
            return sub.repeatIsValid(n)
        case .concat(let nodes), .alternate(let nodes):
            return nodes.allSatisfy { $0.repeatIsValid(n) }
        case .group(let node):
            return node.repeatIsValid(n)
        case .empty, .character, .assertion:
            return true
        }
    }
}
