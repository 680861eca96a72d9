/// When each fire-test scenario of an SLO starts, what it feeds and when each alert must (not)
/// fire: everything the burn simulation decides, and nothing that names the SLO.
///
/// It depends only on `Key` (budget, tiers, input kind, window, budget-exhausted hold), so SLOs
/// that share an objective and alerting policy share one schedule: a tree of thousands of SLOs
/// with a handful of distinct policies runs a handful of simulations. `FireTestPlanner` then
/// fills in each SLO's labels, alert names and series.
struct FireTestSchedule: Sendable {
    /// Everything a schedule depends on.
    struct Key: Hashable, Sendable {
        struct Tier: Hashable, Sendable {
            var severity: BurnRateTier.Severity
            var windows: [BurnRateWindow]
        }

        var budget: Double
        var tiers: [Tier]
        /// Recorded series fed as gauges, or raw counters whose shares are whole requests.
        var recorded: Bool
        var windowMinutes: Int
        /// The budget-exhausted alert's `for`, or nil without that alert.
        var exhaustedFor: DurationValue?

        init(slo: SLOModel, recorded: Bool) {
            budget = slo.errorBudget
            tiers = slo.alerting.tiers.map { Tier(severity: $0.severity, windows: $0.windows) }
            self.recorded = recorded
            windowMinutes = slo.window.length.minutes
            // A calendar SLO's budget is measured since its period started: `calendar.test.yml`
            // tests its budget-exhausted alert across a period boundary.
            exhaustedFor = slo.window.isCalendar ? nil : slo.alerting.budgetExhausted?.forDuration
        }
    }

    /// One test group, in the order the file lists them.
    struct Entry: Sendable {
        enum Checks: Sendable {
            /// Burn-rate alert checks: at `time`, exactly the tiers at `firing` (indices) fire.
            case burn([(time: Int, firing: [Int])])
            /// The budget-exhausted alert: quiet at `quiet`, firing at `firing`.
            case exhausted(quiet: Int, firing: Int)
            /// Scenarios with no simulation, planned per SLO where they belong in the order.
            case zeroTraffic, noData
        }

        /// Groups of the same key from several SLOs may share one promtool test group.
        var key: String
        var comment: String
        var checks: Checks
        var horizon: Int
        /// The input series' values: counters by role (raw) or the error-rate gauge (recorded).
        var counters: [SeriesSynthesis.Role: String] = [:]
        var gauge = ""
    }

    var entries: [Entry]
    /// Window pairs no scenario can observe (another pair of the same tier always fires with them).
    var implied: [BurnRateWindow]

    /// Requests per minute in raw scenarios. Shares are rounded to whole requests, so counters
    /// hold integers that promtool adds up exactly (a fractional step accumulates rounding error
    /// and a segment boundary could then look like a counter reset).
    static let traffic = 100_000_000.0
    /// At most this much healthy history before errors start (keeps long-window tests cheap).
    static let maxHistory = 3 * 24 * 60
    /// Counters start here, not at 0: Prometheus limits `rate()`'s extrapolation towards the time a
    /// counter would have been 0, which would treat a fresh error counter differently from the
    /// total. Integers this size stay exact in promtool's float arithmetic.
    static let counterBase = 1_000_000_000_000.0
    /// Minutes between the tests' rule evaluations (`evaluation_interval`): the windows' tiles land
    /// on recorded samples, as at the rules' own 1-minute interval, at a fifth of promtool's work.
    static let interval = FireTestPlanner.evaluation.minutes

    let key: Key

    init(_ key: Key) {
        self.key = key
        entries = []
        implied = []
        let budget = key.budget
        let lowest = key.tiers.flatMap(\.windows).min { $0.factor < $1.factor }
        var testedLowest = false
        for (tierIndex, tier) in key.tiers.enumerated() {
            for (index, pair) in tier.windows.enumerated() {
                let isLowest = pair == lowest
                let test = pairTest(tier: tierIndex, pair: pair, budget: budget, belowHistory: isLowest)
                if test == nil, Self.isImplied(pair, in: tier) { implied.append(pair) }
                if var entry = test {
                    entry.key = "\(tier.severity.rawValue)-\(index)"
                    entries.append(entry)
                    testedLowest = testedLowest || (isLowest && pair.long.minutes <= Self.maxHistory)
                }
            }
        }
        if !testedLowest, let entry = belowThresholdTest(budget: budget) { entries.append(entry) }
        entries += outageTests()
        entries.append(Entry(key: "zero", comment: "", checks: .zeroTraffic, horizon: 180))
        if let entry = exhaustedTest(budget: budget) { entries.append(entry) }
        entries.append(Entry(key: "no-data", comment: "", checks: .noData, horizon: 0))
    }

    // MARK: Scenarios

    /// One window pair: errors at 1.1× its threshold after a history long enough to dilute the
    /// tier's slower pairs, so this pair is the one that fires. For the lowest threshold of all the
    /// history runs at 0.9× that threshold, which doubles as the "just below fires nothing" test;
    /// the errors after it then run at 2× (below any other pair's threshold), so the long window
    /// crosses in hours rather than days: the crossing time still pins the threshold, as a 1%
    /// change moves it by half an hour.
    private func pairTest(tier tierIndex: Int, pair: BurnRateWindow, budget: Double, belowHistory: Bool) -> Entry? {
        let tier = key.tiers[tierIndex]
        let threshold = pair.factor * budget
        let slower = tier.windows.filter { $0.factor < pair.factor }.map(\.long.minutes)
        let wanted = (slower + [pair.long.minutes]).max()!
        // A history as long as the window proves the window's length; past 3 days that costs too
        // many evaluations, so such pairs start erroring at once and prove their threshold only.
        let belowHistory = belowHistory && wanted <= Self.maxHistory
        let higher = key.tiers.flatMap(\.windows).map(\.factor).filter { $0 > pair.factor }.min() ?? .infinity
        let multiplier = belowHistory ? max(1.1, min(2, 0.9 * higher / pair.factor)) : 1.1
        let share = quantize(min(1, multiplier * threshold))
        guard share > threshold * 1.03 else { return nil }
        let start = wanted <= Self.maxHistory ? roundUp(wanted) : 60
        let before = belowHistory ? quantize(0.9 * threshold) : 0
        // The maths' crossing time: when the long window's ratio reaches the threshold.
        let crossing = Int((Double(pair.long.minutes) * (threshold - before) / (share - before)).rounded(.up))
        let deadline = start + pair.long.minutes + pair.short.minutes + 6 * Self.interval
        var scenario = BurnSimulator.Scenario(
            phases: [(0, before), (start, share)], recorded: key.recorded, horizon: deadline)
        var simulator = BurnSimulator(scenario: scenario, interval: Self.interval)
        guard
            let firing = firstTime(
                from: start, through: deadline, simulator,
                where: {
                    self.fires(tier.windows, $0, $1) == .yes && self.burnCheck(at: $1, $0) != nil
                })
        else { return nil }
        // The pair must matter: without it the tier would fire later (else it is implied).
        let others = tier.windows.filter { $0 != pair }
        if !others.isEmpty, fires(others, simulator, firing) != .no { return nil }
        var checks: [(time: Int, firing: [Int])] = []
        if belowHistory {
            for time in Set([60, 24 * 60, start].map(roundUp)).sorted() where time <= start {
                guard let firing = burnCheck(at: time, simulator), firing.isEmpty else { return nil }
                checks.append((time, firing))
            }
        } else if let baseline = burnCheck(at: start, simulator) {
            checks.append((start, baseline))
        }
        if let quiet = lastTime(
            before: firing, after: start, simulator,
            where: {
                self.fires(tier.windows, $0, $1) == .no && self.burnCheck(at: $1, $0) != nil
            }), let check = burnCheck(at: quiet, simulator)
        {
            checks.append((quiet, check))
        }
        guard let fired = burnCheck(at: firing, simulator) else { return nil }
        checks.append((firing, fired))
        // Recovery: errors stop; the short window must clear the alert.
        let stop = firing
        let recoveryEnd = stop + pair.short.minutes + 4 * Self.interval
        scenario = BurnSimulator.Scenario(
            phases: [(0, before), (start, share), (stop, 0)], recorded: key.recorded, horizon: recoveryEnd)
        simulator = BurnSimulator(scenario: scenario, interval: Self.interval)
        var horizon = firing
        if let cleared = firstTime(
            from: stop + Self.interval, through: recoveryEnd, simulator,
            where: {
                self.pairFires(pair, $0, $1) == .no && self.burnCheck(at: $1, $0) != nil
            }), let check = burnCheck(at: cleared, simulator)
        {
            checks.append((cleared, check))
            horizon = cleared
        } else {
            scenario.phases.removeLast()
        }
        let history =
            belowHistory
            ? "\(DurationText.words(.minutes(Int64(start)))) at 0.9× this lowest threshold (nothing may fire)"
            : "\(DurationText.words(.minutes(Int64(start)))) of healthy traffic"
        let comment = """
            \(tier.severity.rawValue) \(pair.short)/\(pair.long) at \(NumberFormat.clean(pair.factor))×: errors at \
            \(NumberFormat.clean(NumberFormat.withoutBinaryNoise(multiplier)))× \
            that rate (\(DurationText.percent(share)) of requests) after \(history). The maths crosses the threshold \
            \(DurationText.words(.minutes(Int64(crossing)))) in; the rules' 5-minute tiles fire the alert at \
            +\(DurationText.words(.minutes(Int64(firing - start)))), the first evaluation past it (checked quiet at the \
            one before), the same under Prometheus 2 and 3, and clear it within \(DurationText.words(pair.short)) of \
            recovery.
            """
        return entry(key: "", comment: comment, checks: .burn(checks), scenario: scenario, horizon: horizon)
    }

    private static func isImplied(_ pair: BurnRateWindow, in tier: Key.Tier) -> Bool {
        tier.windows.contains { other in
            other != pair && other.budgetShare >= pair.budgetShare && other.long >= pair.long
        }
    }

    private func belowThresholdTest(budget: Double) -> Entry? {
        let lowest = key.tiers.flatMap(\.windows).min { $0.factor < $1.factor }
        guard let lowest else { return nil }
        let share = quantize(0.9 * lowest.factor * budget)
        let longest = key.tiers.flatMap(\.windows).map(\.long.minutes).max() ?? 60
        let horizon = roundUp(min(longest, Self.maxHistory) + 60)
        let scenario = BurnSimulator.Scenario(phases: [(0, share)], recorded: key.recorded, horizon: horizon)
        let simulator = BurnSimulator(scenario: scenario, interval: Self.interval)
        var checks: [(time: Int, firing: [Int])] = []
        for time in Set([30, 120, horizon / 2, horizon].map(roundUp)).sorted() where time <= horizon {
            guard allQuiet(time, simulator) else { return nil }
            checks.append((time, []))
        }
        let comment = """
            Errors at 0.9× the lowest threshold (\(NumberFormat.clean(lowest.factor))× burn, \(DurationText.percent(share)) of requests) \
            for \(DurationText.words(.minutes(Int64(horizon)))): no burn-rate alert may fire.
            """
        return entry(key: "below", comment: comment, checks: .burn(checks), scenario: scenario, horizon: horizon)
    }

    /// A full outage after a history as long as the page tier's longest window: the page fires
    /// exactly when the detection tables say for rules evaluated every minute. This file evaluates
    /// every 5 minutes, but with tiles an evaluation at a given minute computes what the rules'
    /// own 1-minute evaluations compute then; so the outage starts where the predicted minute
    /// falls on an evaluation (firing there), and, in a second group, a minute later (still quiet
    /// there: it does not fire a minute sooner).
    private func outageTests() -> [Entry] {
        guard let page = key.tiers.first(where: { $0.severity == .page }) ?? key.tiers.first else { return [] }
        let longest = min(Self.maxHistory, page.windows.map(\.long.minutes).max() ?? 60)
        let pageIndex = key.tiers.firstIndex { $0.severity == page.severity }!
        // The other tiers' state must be certain at the checked times too (an alert test lists every
        // firing alert of the name); a longer history changes theirs, not the page's.
        for extra in stride(from: 0, through: 60, by: Self.interval) {
            if let entries = outageTests(page: page, pageIndex: pageIndex, history: longest + extra) { return entries }
        }
        return []
    }

    private func outageTests(page: Key.Tier, pageIndex: Int, history: Int) -> [Entry]? {
        let byMinute = BurnSimulator(
            scenario: .init(phases: [(0, 0), (history, 1)], recorded: key.recorded, horizon: history + 120), interval: 1
        )
        guard
            let minutes = (1...120).first(where: {
                byMinute.tierFires(page.windows, budget: key.budget, at: history + $0) == .yes
            })
        else { return nil }
        let evaluation = roundUp(history + minutes)
        var entries: [Entry] = []
        for (entryKey, onset) in [("outage", evaluation - minutes), ("outage-early", evaluation - minutes + 1)] {
            let scenario = BurnSimulator.Scenario(
                phases: [(0, 0), (onset, 1)], recorded: key.recorded, horizon: evaluation)
            let simulator = BurnSimulator(scenario: scenario, interval: Self.interval)
            let early = entryKey == "outage-early"
            guard let check = burnCheck(at: evaluation, simulator), check.contains(pageIndex) != early else {
                return nil
            }
            var checks: [(time: Int, firing: [Int])] = []
            if !early, let quiet = burnCheck(at: evaluation - Self.interval, simulator), !quiet.contains(pageIndex) {
                checks.append((evaluation - Self.interval, quiet))
            }
            checks.append((evaluation, check))
            let history = DurationText.words(.minutes(Int64(onset)))
            let comment =
                early
                ? """
                The same outage starting a minute later (after \(history)): at that evaluation the \
                \(page.severity.rawValue) alert is still quiet.
                """
                : """
                Full outage after \(history) of healthy traffic: every request fails. The \(page.severity.rawValue) alert \
                fires \(DurationText.words(.minutes(Int64(minutes)))) later, as the detection tables in BUDGET.md say for \
                rules evaluated every minute (this file evaluates every 5 minutes; the outage starts where that minute \
                is an evaluation), and the next group shows it does not fire a minute sooner.
                """
            entries.append(
                entry(key: entryKey, comment: comment, checks: .burn(checks), scenario: scenario, horizon: evaluation))
        }
        return entries
    }

    private func exhaustedTest(budget: Double) -> Entry? {
        guard let holdFor = key.exhaustedFor else { return nil }
        let hold = holdFor.minutes
        let share = quantize(min(1, 20 * budget))
        let start = 30
        let horizon = roundUp(start + hold + 240)
        let scenario = BurnSimulator.Scenario(
            phases: [(0, 0), (start, share)], recorded: key.recorded, horizon: horizon)
        let simulator = BurnSimulator(scenario: scenario, interval: Self.interval)
        guard
            let firing = firstTime(
                from: start, through: horizon, simulator,
                where: {
                    $0.exhausted(window: key.windowMinutes, budget: budget, for: hold, at: $1) == .yes
                })
        else { return nil }
        let comment = """
            Errors at \(DurationText.percent(share)) of requests from minute \(start): the window's error ratio passes the \
            budget (\(DurationText.percent(budget))) and, after `for: \(holdFor)`, the budget-exhausted alert fires.
            """
        return entry(
            key: "exhausted", comment: comment, checks: .exhausted(quiet: start, firing: firing), scenario: scenario,
            horizon: firing)
    }

    // MARK: Helpers

    private func fires(_ windows: [BurnRateWindow], _ simulator: BurnSimulator, _ time: Int) -> BurnSimulator.Truth {
        simulator.tierFires(windows, budget: key.budget, at: time)
    }

    private func pairFires(_ pair: BurnRateWindow, _ simulator: BurnSimulator, _ time: Int) -> BurnSimulator.Truth {
        simulator.pairFires(pair, budget: key.budget, at: time)
    }

    private func allQuiet(_ time: Int, _ simulator: BurnSimulator) -> Bool {
        key.tiers.allSatisfy { fires($0.windows, simulator, time) == .no }
    }

    /// The tiers that fire at `time` (indices); nil when any tier's state is uncertain.
    private func burnCheck(at time: Int, _ simulator: BurnSimulator) -> [Int]? {
        var firing: [Int] = []
        for (index, tier) in key.tiers.enumerated() {
            switch fires(tier.windows, simulator, time) {
            case .unknown: return nil
            case .no: continue
            case .yes: firing.append(index)
            }
        }
        return firing
    }

    private func firstTime(
        from start: Int, through end: Int, _ simulator: BurnSimulator, where condition: (BurnSimulator, Int) -> Bool
    ) -> Int? {
        var time = roundUp(start)
        while time <= end {
            if condition(simulator, time) { return time }
            time += Self.interval
        }
        return nil
    }

    private func lastTime(
        before end: Int, after start: Int, _ simulator: BurnSimulator, where condition: (BurnSimulator, Int) -> Bool
    ) -> Int? {
        var time = end - Self.interval
        while time > start {
            if condition(simulator, time) { return time }
            time -= Self.interval
        }
        return nil
    }

    /// The first evaluation at or after `minutes`.
    private func roundUp(_ minutes: Int) -> Int { (minutes + Self.interval - 1) / Self.interval * Self.interval }

    /// A share of whole requests per minute.
    private func quantize(_ share: Double) -> Double {
        key.recorded ? share : (share * Self.traffic).rounded() / Self.traffic
    }

    /// An entry with its input values rendered once, for every SLO that shares the schedule.
    private func entry(
        key entryKey: String, comment: String, checks: Entry.Checks, scenario: BurnSimulator.Scenario, horizon: Int
    ) -> Entry {
        var entry = Entry(key: entryKey, comment: comment, checks: checks, horizon: horizon)
        if key.recorded {
            entry.gauge = Self.gaugeValues(scenario, horizon: horizon)
        } else {
            for role in [SeriesSynthesis.Role.bad, .good, .all] {
                entry.counters[role] = Self.counterValues(scenario, horizon: horizon) { share in
                    switch role {
                    case .bad: (share * Self.traffic).rounded()
                    case .good: Self.traffic - (share * Self.traffic).rounded()
                    case .all: Self.traffic
                    }
                }
            }
        }
        return entry
    }

    /// `base+dxN` segments, one per phase; a sample per minute, from `counterBase`.
    static func counterValues(_ scenario: BurnSimulator.Scenario, horizon: Int, increment: (Double) -> Double) -> String
    {
        var segments: [String] = []
        var value = counterBase
        var minute = 0
        let bounds = scenario.phases.map(\.from).filter { $0 > 0 && $0 < horizon } + [horizon]
        for bound in bounds {
            let step = increment(scenario.share(atMinute: minute + 1))
            if minute == 0 {
                segments.append("\(NumberFormat.clean(value))+\(NumberFormat.clean(step))x\(bound)")
                value += step * Double(bound)
            } else {
                let first = value + step
                segments.append("\(NumberFormat.clean(first))+\(NumberFormat.clean(step))x\(bound - minute - 1)")
                value = first + step * Double(bound - minute - 1)
            }
            minute = bound
        }
        return segments.joined(separator: " ")
    }

    /// A sample a minute: the share of bad events at that time (recorded rates fed as gauges).
    static func gaugeValues(_ scenario: BurnSimulator.Scenario, horizon: Int) -> String {
        var segments: [String] = []
        var minute = 0
        while minute <= horizon {
            let share = scenario.share(atMinute: minute)
            var end = minute
            while end + 1 <= horizon, scenario.share(atMinute: end + 1) == share { end += 1 }
            segments.append("\(NumberFormat.clean(share))x\(end - minute)")
            minute = end + 1
        }
        return segments.joined(separator: " ")
    }
}

/// The simulations of one compile, by what they depend on: fire-test schedules and detection
/// tables, shared by the threads rendering services (a tree of thousands of SLOs has a handful of
/// distinct objectives and policies, so it runs a handful of simulations).
final class SimulationCache: Sendable {
    private let schedules = Memo<FireTestSchedule.Key, FireTestSchedule>()
    private let tables = Memo<DetectionTable.Key, DetectionTable>()

    init() {}

    func schedule(for key: FireTestSchedule.Key) -> FireTestSchedule {
        schedules.value(for: key, FireTestSchedule.init)
    }

    func detection(for slo: SLOModel) -> DetectionTable {
        tables.value(for: DetectionTable.Key(slo: slo), DetectionTable.init)
    }
}
