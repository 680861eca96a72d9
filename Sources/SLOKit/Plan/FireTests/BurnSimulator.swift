/// Replays, minute by minute, what the generated rules compute for a synthetic scenario, so the
/// fire-tests know when each alert must and must not fire.
///
/// It models the rules exactly as written (5-minute rates, 5-minute-step subqueries, evaluation
/// every 5 minutes) under both range conventions, Prometheus 2's inclusive ranges and Prometheus 3's
/// left-open ones. A check is emitted only where both agree with a margin, so the generated tests
/// pass on either version and fail when a threshold or window in the rules changes.
struct BurnSimulator {
    /// How errors vary: the error share of all events from a minute on.
    struct Scenario {
        /// `(fromMinute, errorShare)`, sorted; the share applies to events after `fromMinute`.
        var phases: [(from: Int, share: Double)]
        /// Raw counters (rates computed by the rules) or recorded rates fed as gauges.
        var recorded: Bool
        var horizon: Int

        func share(atMinute minute: Int) -> Double {
            var current = 0.0
            for phase in phases where minute > phase.from { current = phase.share }
            return current
        }
    }

    enum Truth: Equatable {
        case yes, no, unknown

        static func && (lhs: Truth, rhs: Truth) -> Truth {
            if lhs == .no || rhs == .no { return .no }
            return lhs == .yes && rhs == .yes ? .yes : .unknown
        }

        static func || (lhs: Truth, rhs: Truth) -> Truth {
            if lhs == .yes || rhs == .yes { return .yes }
            return lhs == .no && rhs == .no ? .no : .unknown
        }
    }

    static let step = 5
    static let margin = 0.03

    /// The first evaluation at or after `minutes`.
    static func roundUp(_ minutes: Int) -> Int {
        (minutes + step - 1) / step * step
    }

    let scenario: Scenario
    /// Prefix sums over the 5-minute grid of each convention's base rates: index 0 is Prometheus 2
    /// (inclusive ranges), index 1 Prometheus 3 (left-open ranges). Queries are then O(1), so
    /// planning tests for thousands of SLOs stays cheap.
    private let errorSums: [[Double]]
    private let totalSums: [[Double]]

    init(scenario: Scenario) {
        self.scenario = scenario
        let points = scenario.horizon / Self.step + 2
        var minuteShares = [Double](repeating: 0, count: scenario.horizon + 2)
        for minute in minuteShares.indices { minuteShares[minute] = scenario.share(atMinute: minute) }
        var errors: [[Double]] = []
        var totals: [[Double]] = []
        for leftOpen in [false, true] {
            var errorSum = [Double](repeating: 0, count: points + 1)
            var totalSum = [Double](repeating: 0, count: points + 1)
            for index in 0..<points {
                let tau = index * Self.step
                var error = 0.0
                var total = 0.0
                if tau >= Self.step, tau < minuteShares.count {
                    total = 1
                    if scenario.recorded {
                        error = minuteShares[tau]
                    } else {
                        let first = leftOpen ? tau - Self.step + 2 : tau - Self.step + 1
                        for minute in first...tau { error += minuteShares[minute] }
                        error /= Double(tau - first + 1)
                    }
                }
                errorSum[index + 1] = errorSum[index] + error
                totalSum[index + 1] = totalSum[index] + total
            }
            errors.append(errorSum)
            totals.append(totalSum)
        }
        errorSums = errors
        totalSums = totals
    }

    /// The error ratio over `window` minutes as the recording computes it at minute `t` (a
    /// multiple of 5): a 5-minute-step subquery over the recorded 5-minute rates.
    func ratio(window: Int, at t: Int, leftOpen: Bool) -> Double? {
        let convention = leftOpen ? 1 : 0
        let last = t / Self.step
        var first = window == Self.step ? last : (t - window) / Self.step + (leftOpen ? 1 : 0)
        first = max(0, first)
        guard last >= first, last + 1 < errorSums[convention].count else { return nil }
        let total = totalSums[convention][last + 1] - totalSums[convention][first]
        guard total > 0 else { return nil }
        return (errorSums[convention][last + 1] - errorSums[convention][first]) / total
    }

    /// Whether the ratio over `window` exceeds `threshold` at `t`, robustly across conventions.
    func exceeds(window: Int, threshold: Double, at t: Int) -> Truth {
        var verdicts: [Truth] = []
        for leftOpen in [false, true] {
            guard let value = ratio(window: window, at: t, leftOpen: leftOpen) else {
                verdicts.append(.no)
                continue
            }
            if value > threshold * (1 + Self.margin) {
                verdicts.append(.yes)
            } else if value < threshold * (1 - Self.margin) {
                verdicts.append(.no)
            } else {
                verdicts.append(.unknown)
            }
        }
        return verdicts.allSatisfy { $0 == .yes } ? .yes : verdicts.allSatisfy { $0 == .no } ? .no : .unknown
    }

    /// Whether a tier with these window pairs fires at `t`.
    func tierFires(_ windows: [BurnRateWindow], budget: Double, at t: Int) -> Truth {
        var result = Truth.no
        for pair in windows {
            let threshold = pair.factor * budget
            let fires =
                exceeds(window: pair.short.minutes, threshold: threshold, at: t)
                && exceeds(window: pair.long.minutes, threshold: threshold, at: t)
            result = result || fires
        }
        return result
    }

    /// The budget-exhausted condition (window ratio at or above the budget) held for `for`.
    func exhausted(window: Int, budget: Double, for hold: Int, at t: Int) -> Truth {
        var result = Truth.yes
        var tau = t - hold
        while tau <= t {
            guard tau >= 0 else { return .no }
            result = result && exceeds(window: window, threshold: budget, at: tau)
            tau += Self.step
        }
        return result
    }
}

extension DurationValue {
    /// Whole minutes (windows are multiples of 5 minutes by construction).
    var minutes: Int { Int(milliseconds / 60_000) }
}
