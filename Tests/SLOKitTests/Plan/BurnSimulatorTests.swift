import Testing

@testable import SLOKit

/// The burn simulation against cases worked out by hand: 5-minute tiles anchored at the
/// evaluation time, Prometheus' `rate()` extrapolation under Prometheus 2's closed and
/// Prometheus 3's left-open ranges, and verdicts left open only at exact ties.
@Suite struct BurnSimulatorTests {
    typealias Scenario = BurnSimulator.Scenario

    @Test func aPhaseAppliesToEventsAfterItsStart() {
        let scenario = Scenario(phases: [(0, 0), (60, 0.5)], recorded: true, horizon: 120)
        #expect(scenario.share(atMinute: 60) == 0)
        #expect(scenario.share(atMinute: 61) == 0.5)
        #expect(scenario.share(atMinute: 120) == 0.5)
    }

    @Test func evaluationsRoundUpToTheInterval() {
        let scenario = Scenario(phases: [(0, 0)], recorded: true, horizon: 60)
        let everyFive = BurnSimulator(scenario: scenario, interval: 5)
        #expect([0, 1, 4, 5, 6, 59, 60].map(everyFive.roundUp) == [0, 5, 5, 5, 10, 60, 60])
        let everyMinute = BurnSimulator(scenario: scenario, interval: 1)
        #expect([0, 1, 4, 6].map(everyMinute.roundUp) == [0, 1, 4, 6])
    }

    @Test func truthCombinesLikeKleeneLogic() {
        typealias Truth = BurnSimulator.Truth
        #expect((Truth.yes && .unknown) == .unknown)
        #expect((Truth.no && .unknown) == .no)
        #expect((Truth.yes || .unknown) == .yes)
        #expect((Truth.no || .unknown) == .unknown)
        #expect((Truth.no || .no) == .no)
    }

    @Test func aSteadyShareIsTheRatioOfEveryWindow() {
        for recorded in [true, false] {
            let simulator = BurnSimulator(
                scenario: Scenario(phases: [(0, 0.1)], recorded: recorded, horizon: 600), interval: 1)
            for window in [5, 30, 60, 360] {
                for leftOpen in [false, true] {
                    let ratio = simulator.ratio(window: window, at: 600, leftOpen: leftOpen) ?? -1
                    #expect(abs(ratio - 0.1) < 1e-12, "window \(window) recorded \(recorded) left-open \(leftOpen)")
                }
            }
        }
    }

    /// A window is its tiles and nothing else: recorded errors from minute 60; the hour at minute
    /// 120 holds the samples at 65, 70, …, 120 (not 60), all bad; one minute later it holds 121,
    /// 116, …, 66, still all bad; at minute 62, every minute, only the sample at 62 is bad: 1 of 12.
    @Test func aWindowIsTheSumOfItsTiles() throws {
        let scenario = Scenario(phases: [(0, 0), (60, 1)], recorded: true, horizon: 180)
        let everyMinute = BurnSimulator(scenario: scenario, interval: 1)
        for leftOpen in [false, true] {
            #expect(try #require(everyMinute.ratio(window: 60, at: 120, leftOpen: leftOpen)) == 1)
            #expect(try #require(everyMinute.ratio(window: 60, at: 121, leftOpen: leftOpen)) == 1)
            #expect(try #require(everyMinute.ratio(window: 60, at: 62, leftOpen: leftOpen)) == 1.0 / 12)
            #expect(try #require(everyMinute.ratio(window: 60, at: 60, leftOpen: leftOpen)) == 0)
        }
        let everyFive = BurnSimulator(scenario: scenario, interval: 5)
        #expect(
            everyFive.ratio(window: 60, at: 120, leftOpen: false)
                == everyMinute.ratio(window: 60, at: 120, leftOpen: false))
    }

    /// Raw counters: the 5-minute rate at minute 65 spans minutes 61…65 (closed: six samples, 60 to
    /// 65) or 62…65 (left-open: five samples, scaled by 5/4). Errors after minute 62 make 3 of 5
    /// and 3 of 4 bad minutes.
    @Test func rawCountersCountTheMinutesEachRateSees() throws {
        let simulator = BurnSimulator(scenario: Scenario(phases: [(0, 0), (62, 1)], recorded: false, horizon: 120))
        #expect(abs(try #require(simulator.ratio(window: 5, at: 65, leftOpen: false)) - 0.6) < 1e-15)
        #expect(abs(try #require(simulator.ratio(window: 5, at: 65, leftOpen: true)) - 0.75) < 1e-15)
        #expect(try #require(simulator.ratio(window: 5, at: 60, leftOpen: false)) == 0)
    }

    /// Near the first sample Prometheus extrapolates a rate: at minute 1 the two samples 0 and 1
    /// span a minute and the range reaches 4 further back, so the rate is scaled by 1.5 (half a
    /// sample interval added). A 10-minute window at minute 6 adds that chunk (1.5 minutes of
    /// traffic) to the one at 6: five minutes (closed) or four scaled by 5/4 (left-open), three of
    /// them bad (errors after minute 3).
    @Test func theFirstRatesAreExtrapolatedAsPrometheusDoes() throws {
        let simulator = BurnSimulator(
            scenario: Scenario(phases: [(0, 0), (3, 1)], recorded: false, horizon: 30), interval: 1)
        #expect(abs(try #require(simulator.ratio(window: 10, at: 6, leftOpen: false)) - 3 / 6.5) < 1e-15)
        #expect(abs(try #require(simulator.ratio(window: 10, at: 6, leftOpen: true)) - 3.75 / 6.5) < 1e-15)
    }

    /// Nothing is recorded before the first rate (two samples), so raw counters have no ratio at 0.
    @Test func noRateYetHasNoRatio() {
        let simulator = BurnSimulator(scenario: Scenario(phases: [(0, 1)], recorded: false, horizon: 60))
        #expect(simulator.ratio(window: 5, at: 0, leftOpen: false) == nil)
        #expect(simulator.ratio(window: 60, at: 0, leftOpen: true) == nil)
    }

    /// A steady history stands for healthy traffic before minute 0: five minutes of a full outage
    /// are 5 of the hour's 60 minutes of traffic, on both conventions.
    @Test func aSteadyHistoryFillsTheWindowWithHealthyTraffic() throws {
        let simulator = BurnSimulator(
            scenario: Scenario(phases: [(0, 1)], recorded: false, horizon: 30, steadyBefore: true), interval: 1)
        for leftOpen in [false, true] {
            let ratio = try #require(simulator.ratio(window: 60, at: 5, leftOpen: leftOpen))
            #expect(abs(ratio - 5.0 / 60) < 1e-15, "left-open \(leftOpen): \(ratio)")
        }
    }

    /// A verdict is undecided only at a tie, where Prometheus' float rounding would decide.
    @Test func verdictsAtTheThresholdAreUnknown() {
        let simulator = BurnSimulator(scenario: Scenario(phases: [(0, 0.1)], recorded: true, horizon: 120))
        #expect(simulator.exceeds(window: 60, threshold: 0.05, at: 120) == .yes)
        #expect(simulator.exceeds(window: 60, threshold: 0.2, at: 120) == .no)
        #expect(simulator.exceeds(window: 60, threshold: 0.1, at: 120) == .unknown)
        #expect(simulator.exceeds(window: 60, threshold: 0.0999, at: 120) == .yes)
        #expect(simulator.exceeds(window: 60, threshold: 0.1001, at: 120) == .no)
    }

    /// A tier fires when any pair has both windows above factor × budget.
    @Test func aTierFiresWhenOnePairDoes() {
        let simulator = BurnSimulator(scenario: Scenario(phases: [(0, 0.02)], recorded: true, horizon: 1440))
        let budget = 0.001
        let fast = BurnRateWindow(short: .minutes(5), long: .hours(1), budgetShare: 0.02, factor: 14.4)
        let slow = BurnRateWindow(short: .minutes(30), long: .hours(6), budgetShare: 0.05, factor: 6)
        let tooHigh = BurnRateWindow(short: .minutes(5), long: .hours(1), budgetShare: 0.5, factor: 30)
        #expect(simulator.tierFires([fast, slow], budget: budget, at: 1440) == .yes)
        #expect(simulator.tierFires([tooHigh], budget: budget, at: 1440) == .no)
        #expect(simulator.tierFires([tooHigh, slow], budget: budget, at: 1440) == .yes)
    }

    /// Budget exhausted needs the condition at every evaluation of its `for`; history before
    /// minute 0 does not exist, so a hold reaching past it cannot have held.
    @Test func exhaustionMustHoldForItsWholeFor() {
        let simulator = BurnSimulator(scenario: Scenario(phases: [(0, 0), (60, 1)], recorded: true, horizon: 300))
        #expect(simulator.exhausted(window: 60, budget: 0.1, for: 30, at: 200) == .yes)
        #expect(simulator.exhausted(window: 60, budget: 0.1, for: 30, at: 70) == .no)
        #expect(simulator.exhausted(window: 60, budget: 0.1, for: 300, at: 200) == .no)
    }
}
