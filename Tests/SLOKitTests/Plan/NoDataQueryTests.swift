import Testing

@testable import SLOKit

/// The no-data alert's query must be able to go empty, or `absent()` of it never fires.
@Suite struct NoDataQueryTests {
    @Test func constantFallbacksAreDropped() {
        let strip = SLOModel.withoutConstantFallback
        #expect(
            strip("(sum(rate(a[5m])) / sum(rate(b[5m]))) OR on() vector(0)") == "sum(rate(a[5m])) / sum(rate(b[5m]))")
        #expect(strip("sum(x) or vector(0) or vector(1)") == "sum(x)")
        // An `or` whose right side reads series is a real union and stays.
        #expect(strip("sum(a) or sum(b)") == "sum(a) or sum(b)")
        #expect(strip("sum(a)") == "sum(a)")
        // Not PromQL: kept for the checker to report.
        #expect(strip("sum(") == "sum(")
    }
}
