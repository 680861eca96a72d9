/// The SRE Workbook's multi-window multi-burn-rate alerts, scaled to any SLO window.
///
/// For windows of 28 to 31 days the Workbook's own windows are used (5m/1h, 30m/6h, 2h/1d, 6h/3d)
/// with factor = budget share × W / long window, which gives 14.4/6/3/1 for 30d and
/// 13.44/5.6/2.8/0.933 for 28d. Other windows scale every window by W/30d and round it to a
/// readable length (5-minute steps under an hour, whole hours under a day, whole days above), then
/// recompute the factor from the rounded window, so each alert still means "this share of the
/// budget spent within the long window". A pair whose long window would fall under 15 minutes no
/// longer separates fast from slow burns and is dropped with a diagnostic.
enum AlertWindowPolicy {
    struct Pair: Sendable, Hashable {
        var budgetShare: Double
        var short: DurationValue
        var long: DurationValue
    }

    /// The Workbook's recommendation for a 30-day window.
    static let workbook: [BurnRateTier.Severity: [Pair]] = [
        .page: [
            Pair(budgetShare: 0.02, short: .minutes(5), long: .hours(1)),
            Pair(budgetShare: 0.05, short: .minutes(30), long: .hours(6)),
        ],
        .ticket: [
            Pair(budgetShare: 0.10, short: .hours(2), long: .days(1)),
            Pair(budgetShare: 0.10, short: .hours(6), long: .days(3)),
        ],
    ]

    /// The resolution of recorded rates: every window is a multiple of it.
    static let step = DurationValue.minutes(5)
    static let minimumLongWindow = DurationValue.minutes(15)

    struct Result: Sendable {
        var windows: [BurnRateWindow]
        /// Pairs dropped because the window is too short, with the long window they would have had.
        var dropped: [(pair: Pair, scaledLong: DurationValue)]
    }

    static func windows(for severity: BurnRateTier.Severity, sloWindow: DurationValue) -> Result {
        var result = Result(windows: [], dropped: [])
        let unscaled = sloWindow >= .days(28) && sloWindow <= .days(31)
        let scale = Double(sloWindow.milliseconds) / Double(DurationValue.days(30).milliseconds)
        for pair in workbook[severity] ?? [] {
            var short = pair.short
            var long = pair.long
            if !unscaled {
                long = readable(Double(pair.long.milliseconds) * scale)
                short = max(step, readable(Double(pair.long.milliseconds) * scale / 12))
                if long < minimumLongWindow || short >= long {
                    result.dropped.append((pair, long))
                    continue
                }
            }
            let factor = pair.budgetShare * Double(sloWindow.milliseconds) / Double(long.milliseconds)
            result.windows.append(
                BurnRateWindow(
                    short: short, long: long, budgetShare: pair.budgetShare,
                    factor: NumberFormat.withoutBinaryNoise(factor)
                ))
        }
        return result
    }

    /// The nearest 5 minutes under an hour, hour under a day, day above.
    static func readable(_ milliseconds: Double) -> DurationValue {
        let unit: DurationValue =
            milliseconds < Double(DurationValue.hours(1).milliseconds) - Double(step.milliseconds) / 2
            ? step : milliseconds < Double(DurationValue.days(1).milliseconds) - 1_800_000 ? .hours(1) : .days(1)
        let count = (milliseconds / Double(unit.milliseconds)).rounded()
        return DurationValue(milliseconds: Int64(count) * unit.milliseconds)
    }
}
