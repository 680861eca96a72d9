/// Replays, evaluation by evaluation, what the generated rules compute for a synthetic scenario,
/// so the fire-tests know when each alert must and must not fire and the documents can say how
/// fast each alert pair fires and resets.
///
/// It models the rules exactly as written: the 5-minute rates as Prometheus' `rate()` computes
/// them from counters sampled every minute (extrapolation to the range's edges included), under
/// Prometheus 2's closed ranges (`[t−5m, t]`, six samples) and Prometheus 3's left-open ones
/// (`(t−5m, t]`, five samples); every longer window as the sum of the rates recorded at t, t−5m,
/// t−10m, … (the tiles of `WindowPlan`, which the recorded levels only regroup), a chunk that was
/// never recorded counting as no events; an evaluation every `interval` minutes (a divisor of 5,
/// so every chunk is a recorded sample). Window sums are kept as prefix sums along each residue
/// class of the evaluation index, so any window at any time is O(1).
///
/// Verdicts near a threshold are left undecided (`Truth.unknown`): within `tolerance` of it,
/// floating-point rounding in Prometheus decides, so no test may depend on it.
struct BurnSimulator {
    /// How errors vary: the error share of all events from a minute on.
    struct Scenario {
        /// `(fromMinute, errorShare)`, sorted; the share applies to events after `fromMinute`.
        var phases: [(from: Int, share: Double)]
        /// Raw counters (rates computed by the rules) or recorded rates fed as gauges.
        var recorded: Bool
        var horizon: Int
        /// Healthy traffic also before minute 0, as far back as any window reaches: the steady state
        /// of a long clean history, without simulating it (a real history at least as long as the
        /// longest window gives the same numbers).
        var steadyBefore = false

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

    /// Minutes per chunk: the base rate's window.
    static let tile = 5
    /// Relative distance from a threshold within which a verdict is left undecided.
    static let tolerance = 1e-9

    let scenario: Scenario
    /// Minutes between evaluations; divides `tile`.
    let interval: Int
    /// Evaluation indices between two chunks of one window.
    private let stride: Int
    /// Per convention (0: Prometheus 2, 1: Prometheus 3), per evaluation index: the recorded rates
    /// summed along the index's residue class (`sums[j] = rate[j] + sums[j − stride]`).
    private let errorSums: [[Double]]
    private let totalSums: [[Double]]
    /// Per convention, a chunk before minute 0 in steady mode (healthy: no errors).
    private let steadyTotal: [Double]
    /// The first evaluation index with a recorded rate: no window exists before it.
    private let firstRecorded: [Int]

    init(scenario: Scenario, interval: Int = 5) {
        precondition(interval > 0 && Self.tile % interval == 0, "the evaluation interval must divide 5 minutes")
        self.scenario = scenario
        self.interval = interval
        stride = Self.tile / interval
        let count = scenario.horizon / interval + 1
        // Bad events per minute before `minute`, from `low` on (history minutes in steady mode).
        let low = scenario.steadyBefore ? -Self.tile : 0
        var badBefore = [Double](repeating: 0, count: scenario.horizon - low + 2)
        for minute in (low + 1)...max(low + 1, scenario.horizon) where minute - low < badBefore.count {
            badBefore[minute - low] = badBefore[minute - low - 1] + scenario.share(atMinute: minute)
        }
        var errors: [[Double]] = []
        var totals: [[Double]] = []
        var steady: [Double] = []
        var first: [Int] = []
        for leftOpen in [false, true] {
            var errorSum = [Double](repeating: 0, count: count)
            var totalSum = [Double](repeating: 0, count: count)
            var firstIndex = count
            for index in 0..<count {
                let time = index * interval
                var error = 0.0
                var total = 0.0
                if let rate = Self.rate(
                    at: time, leftOpen: leftOpen, scenario: scenario, low: low, badBefore: badBefore)
                {
                    (error, total) = rate
                    firstIndex = min(firstIndex, index)
                }
                let previous = index >= stride ? index - stride : nil
                errorSum[index] = error + (previous.map { errorSum[$0] } ?? 0)
                totalSum[index] = total + (previous.map { totalSum[$0] } ?? 0)
            }
            errors.append(errorSum)
            totals.append(totalSum)
            first.append(scenario.steadyBefore ? 0 : firstIndex)
            let history = Self.rate(at: 0, leftOpen: leftOpen, scenario: scenario, low: low, badBefore: badBefore)
            steady.append(scenario.steadyBefore ? history?.total ?? 0 : 0)
        }
        errorSums = errors
        totalSums = totals
        steadyTotal = steady
        firstRecorded = first
    }

    /// The recorded errors and total rates at `time`, or nil when nothing is recorded then.
    ///
    /// Raw counters: Prometheus' `extrapolatedRate` over the samples of each minute in the range,
    /// counters starting far from zero (so the zero clamp never applies) and rising by the
    /// minute's events (traffic 1, errors the share); both rates share one extrapolation factor.
    /// Recorded rates: the gauge's sample at `time`, total 1.
    private static func rate(
        at time: Int, leftOpen: Bool, scenario: Scenario, low: Int, badBefore: [Double]
    ) -> (error: Double, total: Double)? {
        guard time <= scenario.horizon, time >= 0 || scenario.steadyBefore else { return nil }
        if scenario.recorded { return (scenario.share(atMinute: time), 1) }
        let rangeStart = time - tile
        let first = max(leftOpen ? rangeStart + 1 : rangeStart, low)
        guard time - first >= 1 else { return nil }
        let sampled = Double((time - first) * 60)
        let toStart = Double((first - rangeStart) * 60)
        // Samples are a minute apart; Prometheus extrapolates to the range's start when the gap is
        // under 1.1 intervals, else by half an interval. The range ends on a sample.
        let extrapolated = sampled + (toStart < 66 ? toStart : 30)
        let factor = extrapolated / sampled / Double(tile * 60)
        let bad = badBefore[time - low] - badBefore[first - low]
        return (factor * bad, factor * Double(time - first))
    }

    /// The error ratio over `window` minutes as the rules compute it at minute `t` (a multiple of
    /// the interval): the window's chunks at t, t−5, …, summed; nil when there are no events.
    func ratio(window: Int, at t: Int, leftOpen: Bool) -> Double? {
        let convention = leftOpen ? 1 : 0
        let index = t / interval
        guard index >= firstRecorded[convention], index < errorSums[convention].count else { return nil }
        let chunks = (window + Self.tile - 1) / Self.tile
        let oldest = index - chunks * stride
        var errors = errorSums[convention][index] - (oldest >= 0 ? errorSums[convention][oldest] : 0)
        var total = totalSums[convention][index] - (oldest >= 0 ? totalSums[convention][oldest] : 0)
        if oldest < 0 {
            // Chunks before minute 0: healthy history in steady mode, none otherwise.
            let before = chunks - (index / stride + 1)
            total += Double(max(0, before)) * steadyTotal[convention]
            errors += 0
        }
        guard total > 0 else { return nil }
        return errors / total
    }

    /// Whether the ratio over `window` exceeds `threshold` at `t`, the same under both conventions.
    func exceeds(window: Int, threshold: Double, at t: Int) -> Truth {
        let p2 = exceeds(window: window, threshold: threshold, at: t, leftOpen: false)
        let p3 = exceeds(window: window, threshold: threshold, at: t, leftOpen: true)
        return p2 == p3 ? p2 : .unknown
    }

    /// Whether the ratio over `window` exceeds `threshold` at `t` under one convention.
    func exceeds(window: Int, threshold: Double, at t: Int, leftOpen: Bool) -> Truth {
        guard let value = ratio(window: window, at: t, leftOpen: leftOpen) else { return .no }
        if value > threshold * (1 + Self.tolerance) { return .yes }
        if value < threshold * (1 - Self.tolerance) { return .no }
        return .unknown
    }

    /// Whether a tier with these window pairs fires at `t`.
    func tierFires(_ windows: [BurnRateWindow], budget: Double, at t: Int) -> Truth {
        windows.reduce(Truth.no) { $0 || pairFires($1, budget: budget, at: t) }
    }

    /// Whether one window pair fires at `t`: both windows above `factor × budget`.
    func pairFires(_ pair: BurnRateWindow, budget: Double, at t: Int, leftOpen: Bool? = nil) -> Truth {
        let threshold = pair.factor * budget
        guard let leftOpen else {
            return exceeds(window: pair.short.minutes, threshold: threshold, at: t)
                && exceeds(window: pair.long.minutes, threshold: threshold, at: t)
        }
        return exceeds(window: pair.short.minutes, threshold: threshold, at: t, leftOpen: leftOpen)
            && exceeds(window: pair.long.minutes, threshold: threshold, at: t, leftOpen: leftOpen)
    }

    /// The budget-exhausted condition (window ratio at or above the budget) held for `for`: true
    /// at every evaluation from `t − hold` to `t`. History before minute 0 does not exist, so a
    /// hold reaching past it has not held.
    func exhausted(window: Int, budget: Double, for hold: Int, at t: Int) -> Truth {
        var result = Truth.yes
        var time = t - hold
        guard time >= 0 else { return .no }
        while time <= t {
            result = result && exceeds(window: window, threshold: budget, at: time)
            time += interval
        }
        return result
    }

    /// The first evaluation at or after `minutes`.
    func roundUp(_ minutes: Int) -> Int { (minutes + interval - 1) / interval * interval }
}

extension DurationValue {
    /// Whole minutes (windows are whole minutes by construction).
    var minutes: Int { Int(milliseconds / 60_000) }
}
