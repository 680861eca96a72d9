import Testing

@testable import SLOKit

@Suite("PromQL rewriting and traversal")
struct PromQLRewritingTests {
    @Test func replacingRanges() throws {
        let expr = try PromQLParser.parse(
            #"sum(rate(x{a="b"}[5m])) / sum(rate(y[5m] offset 1h)) + max_over_time(z[5m:1m])"#)
        let rewritten = expr.replacingRanges(with: PromQLDuration(milliseconds: 3_600_000))
        #expect(
            rewritten.description == #"sum(rate(x{a="b"}[1h])) / sum(rate(y[1h] offset 1h)) + max_over_time(z[5m:1m])"#)
        let withSubqueries = expr.replacingRanges(with: try PromQLDuration(parsing: "30d"), includingSubqueries: true)
        #expect(withSubqueries.description.hasSuffix("max_over_time(z[30d:1m])"))
    }

    @Test func addingMatchers() throws {
        let expr = try PromQLParser.parse(#"sum(rate(x{a="b"}[5m])) / sum(rate(x[5m])) > 0"#)
        let scoped = expr.addingMatchers([PromQLLabelMatcher(name: "service", op: .equal, value: "checkout")])
        #expect(
            scoped.description
                == #"sum(rate(x{a="b",service="checkout"}[5m])) / sum(rate(x{service="checkout"}[5m])) > 0"#)
        #expect(try PromQLParser.parse(scoped.description) == scoped)
    }

    @Test func transformedIsBottomUp() throws {
        let expr = try PromQLParser.parse("a + b * c")
        var visited: [String] = []
        let renamed = expr.transformed { node in
            guard case .vectorSelector(var selector) = node.kind else {
                visited.append("op")
                return node
            }
            visited.append(selector.name!)
            selector.name = selector.name!.uppercased()
            return PromQLExpr(.vectorSelector(selector), range: node.range)
        }
        #expect(renamed.description == "A + B * C")
        #expect(visited == ["a", "b", "c", "op", "op"])
    }

    @Test func forEachIsPreOrder() throws {
        let expr = try PromQLParser.parse("topk(5, rate(x[5m]))")
        var kinds: [String] = []
        expr.forEach { node in
            switch node.kind {
            case .aggregation: kinds.append("aggregation")
            case .number: kinds.append("number")
            case .call: kinds.append("call")
            case .matrixSelector: kinds.append("matrix")
            default: kinds.append("other")
            }
        }
        #expect(kinds == ["aggregation", "number", "call", "matrix"])
        #expect(expr.children.count == 2)
    }

    @Test func rewrittenQueriesCanBeRechecked() throws {
        let expr = try PromQLParser.parse("rate(x[5m])")
        // Replace the range selector by an instant selector: now ill-typed.
        let broken = expr.transformed { node in
            if case .matrixSelector(let matrix) = node.kind {
                return PromQLExpr(.vectorSelector(matrix.selector))
            }
            return node
        }
        #expect(throws: PromQLError.self) { try PromQLTypeChecker.check(broken) }
    }
}
