import Testing

@testable import SLOKit

@Suite struct AlertWindowPolicyTests {
    func factors(_ window: DurationValue) -> [String] {
        BurnRateTier.Severity.allCases.flatMap {
            AlertWindowPolicy.windows(for: $0, sloWindow: window).windows.map {
                "\($0.short)/\($0.long)@\(NumberFormat.clean($0.factor, significantDigits: 4))"
            }
        }
    }

    @Test func thirtyDaysIsTheWorkbook() {
        #expect(factors(.days(30)) == ["5m/1h@14.4", "30m/6h@6", "2h/1d@3", "6h/3d@1"])
    }

    @Test func twentyEightDaysKeepsWindowsAndScalesFactors() {
        #expect(factors(.days(28)) == ["5m/1h@13.44", "30m/6h@5.6", "2h/1d@2.8", "6h/3d@0.9333"])
    }

    @Test func sevenDaysScalesWindowsToReadableLengths() {
        #expect(factors(.days(7)) == ["5m/15m@13.44", "5m/1h@8.4", "30m/6h@2.8", "1h/17h@0.9882"])
    }

    @Test func quarterScalesUp() {
        #expect(factors(.days(90)) == ["15m/3h@14.4", "2h/18h@6", "6h/3d@3", "18h/9d@1"])
    }

    @Test func windowsTooShortAreDroppedNeverZero() {
        let page = AlertWindowPolicy.windows(for: .page, sloWindow: .days(1))
        #expect(page.windows.isEmpty)
        #expect(page.dropped.count == 2)
        let ticket = AlertWindowPolicy.windows(for: .ticket, sloWindow: .days(1))
        #expect(
            ticket.windows.allSatisfy { $0.long >= AlertWindowPolicy.minimumLongWindow && $0.short.milliseconds > 0 })
    }

    @Test func shortWindowProducesAWarningAndNoZeroRanges() {
        let snippet = Snippet(
            """
            version: slo/v1
            service: tiny
            window: 1️⃣1d
            slos:
              - name: a
                objective: 99
                sli: {errors: 'x_total{code="500"}', total: x_total}

            """)
        let result = Compiler().compile([snippet.file])
        #expect(result.diagnostics.summary == ["SLO701@3:9"])
        #expect(!result.files.isEmpty, "a warning does not stop the compile")
        #expect(!(result.files.first?.contents.contains("[0s") ?? true))
    }
}

@Suite struct NumberFormatTests {
    @Test(arguments: [
        (0.999, "0.999"), (0.001, "0.001"), (14.4, "14.4"), (1 - 0.999, "0.001"), (99.95 / 100, "0.9995"),
        (2_592_000, "2592000"), (0.1 + 0.2, "0.3"), (1e-7, "0.0000001"), (-2.5, "-2.5"),
    ])
    func printsCleanly(value: Double, expected: String) {
        #expect(NumberFormat.clean(value, significantDigits: 12) == expected)
    }

    /// Huge values keep their exponent whole (the report fuzzer found `e+20` printed as `e+2`).
    @Test(arguments: [2.377249603772496e20, 1e19, -4.5e300, 1.7976931348623157e308, 123_456_789_012_345_678_901.0])
    func hugeValuesReadBack(value: Double) {
        let text = NumberFormat.clean(value)
        #expect(Double(text).map { abs($0 - value) <= abs(value) * 1e-15 } == true, "\(value) printed as \(text)")
    }

    @Test func fullPrecisionWhenAsked() {
        #expect(NumberFormat.clean(0.9990000000000001) == "0.999")
        #expect(NumberFormat.clean(1.0 / 3.0) == "0.333333333333333")
    }
}
