/// How fast each alert pair of an SLO fires and resets at the error ratios on-call meets, computed
/// by the burn simulator from the rules as generated (the documents print it; promtool checks it).
///
/// Scenario of a cell: steady traffic with no errors for longer than any window, then errors at
/// the ratio's share of requests, lasting until the pair has fired and one short window more (a
/// sustained incident), then none. `fire` counts minutes from the first failing request to the
/// first evaluation at which the pair fires; `reset` from the last failing request to the first
/// evaluation at which it no longer does. Rules are evaluated every minute (the groups' interval).
/// Prometheus 2 and 3 can differ by an evaluation (their 5-minute rates see six and five samples);
/// each cell is the later of the two, so it holds on both.
struct DetectionTable: Sendable {
    /// The error ratios of the table, as shares of all requests.
    static let ratios: [Double] = [1, 0.5, 0.2, 0.1, 0.05, 0.02]
    /// Minutes between rule evaluations the table assumes.
    static let interval = RuleGroupPlan.evaluationInterval.minutes

    /// Everything the table depends on: SLOs with the same budget and tiers share one.
    struct Key: Hashable, Sendable {
        var budget: Double
        var tiers: [FireTestSchedule.Key.Tier]
        var windowMinutes: Int
        var exhaustedFor: DurationValue?

        init(slo: SLOModel) {
            budget = slo.errorBudget
            tiers = slo.alerting.tiers.map { .init(severity: $0.severity, windows: $0.windows) }
            windowMinutes = slo.window.length.minutes
            exhaustedFor = slo.alerting.budgetExhausted?.forDuration
        }
    }

    /// One ratio's outcome for one pair, in minutes; nil when the pair never fires at that ratio.
    struct Cell: Sendable, Hashable {
        /// Per convention (Prometheus 2, Prometheus 3): minutes to fire.
        var fireByConvention: [Int]
        /// Per convention: minutes to reset after the errors stop; empty when the pair does not
        /// reset within the simulated time.
        var resetByConvention: [Int] = []

        /// Minutes to fire on both conventions.
        var fire: Int { fireByConvention.max() ?? 0 }
        /// Minutes to reset on both conventions.
        var reset: Int? { resetByConvention.max() }
        /// When the errors of the reset scenario stop: the pair has fired on both conventions,
        /// and one short window more has passed (a sustained incident).
        func stop(_ pair: BurnRateWindow) -> Int { fire + pair.short.minutes }
    }

    struct Row: Sendable {
        var severity: BurnRateTier.Severity
        var pair: BurnRateWindow
        /// One per entry of `ratios`.
        var cells: [Cell?]
    }

    var rows: [Row]
    /// Minutes a full outage takes to fire the budget-exhausted alert (its `for` included).
    var exhaustedAfter: Int?

    init(_ key: Key) {
        rows = key.tiers.flatMap { tier in
            tier.windows.map { pair in
                Row(
                    severity: tier.severity, pair: pair,
                    cells: Self.ratios.map { Self.cell(pair, ratio: $0, budget: key.budget) })
            }
        }
        exhaustedAfter = key.exhaustedFor.flatMap {
            Self.exhaustion(window: key.windowMinutes, budget: key.budget, hold: $0.minutes)
        }
    }

    /// Minutes a tier takes to fire at each ratio: its fastest pair per convention, the later
    /// convention; nil where no pair fires.
    func tierFire(_ severity: BurnRateTier.Severity) -> [Int?] {
        let pairs = rows.filter { $0.severity == severity }
        return Self.ratios.indices.map { index in
            let cells = pairs.compactMap { $0.cells[index] }
            guard !cells.isEmpty else { return nil }
            return (0..<2).map { convention in cells.map { $0.fireByConvention[convention] }.min()! }.max()
        }
    }

    private static func cell(_ pair: BurnRateWindow, ratio: Double, budget: Double) -> Cell? {
        let threshold = pair.factor * budget
        guard ratio > threshold * (1 + BurnSimulator.tolerance) else { return nil }
        // The long window fills with errors within its length, so the pair fires by then.
        let limit = pair.long.minutes + pair.short.minutes + 2 * BurnSimulator.tile
        let onset = BurnSimulator(
            scenario: .init(phases: [(0, ratio)], recorded: false, horizon: limit, steadyBefore: true),
            interval: interval)
        var fires: [Int] = []
        for leftOpen in [false, true] {
            let first = stride(from: interval, through: limit, by: interval).first {
                onset.pairFires(pair, budget: budget, at: $0, leftOpen: leftOpen) == .yes
            }
            guard let first else { return nil }
            fires.append(first)
        }
        let stop = Cell(fireByConvention: fires).stop(pair)
        let resetLimit = stop + pair.long.minutes + pair.short.minutes + 2 * BurnSimulator.tile
        let recovery = BurnSimulator(
            scenario: .init(phases: [(0, ratio), (stop, 0)], recorded: false, horizon: resetLimit, steadyBefore: true),
            interval: interval)
        var resets: [Int] = []
        for leftOpen in [false, true] {
            let first = stride(from: stop + interval, through: resetLimit, by: interval).first {
                recovery.pairFires(pair, budget: budget, at: $0, leftOpen: leftOpen) == .no
            }
            guard let first else { return Cell(fireByConvention: fires) }
            resets.append(first - stop)
        }
        return Cell(fireByConvention: fires, resetByConvention: resets)
    }

    /// A full outage against the budget-exhausted alert: the SLO window's ratio at or above the
    /// budget, held for `hold`.
    private static func exhaustion(window: Int, budget: Double, hold: Int) -> Int? {
        guard budget < 1 else { return nil }
        let limit = Int((Double(window) * budget).rounded(.up)) + hold + 3 * BurnSimulator.tile
        let simulator = BurnSimulator(
            scenario: .init(phases: [(0, 1)], recorded: false, horizon: limit, steadyBefore: true), interval: interval)
        return stride(from: interval, through: limit, by: interval).first {
            simulator.exhausted(window: window, budget: budget, for: hold, at: $0) == .yes
        }
    }
}
