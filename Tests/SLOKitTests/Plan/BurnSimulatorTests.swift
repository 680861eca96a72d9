import Testing

@testable import SLOKit

/// The burn simulation against cases worked out by hand: a 5-minute grid, Prometheus 2's closed
/// and Prometheus 3's left-open ranges, and the 3% margin that makes a verdict safe on both.
@Suite struct BurnSimulatorTests {
    typealias Scenario = BurnSimulator.Scenario

    @Test func aPhaseAppliesToEventsAfterItsStart() {
        let scenario = Scenario(phases: [(0, 0), (60, 0.5)], recorded: true, horizon: 120)
        #expect(scenario.share(atMinute: 60) == 0)
        #expect(scenario.share(atMinute: 61) == 0.5)
        #expect(scenario.share(atMinute: 120) == 0.5)
    }

    @Test func evaluationsRoundUpToTheFiveMinuteGrid() {
        #expect([0, 1, 4, 5, 6, 59, 60].map(BurnSimulator.roundUp) == [0, 5, 5, 5, 10, 60, 60])
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
        let simulator = BurnSimulator(scenario: Scenario(phases: [(0, 0.1)], recorded: true, horizon: 600))
        for window in [5, 30, 60, 360] {
            for leftOpen in [false, true] {
                let ratio = simulator.ratio(window: window, at: 600, leftOpen: leftOpen)
                #expect(abs((ratio ?? 0) - 0.1) < 1e-12, "window \(window) left-open \(leftOpen): \(ratio ?? -1)")
            }
        }
    }

    /// Errors from minute 60, one-hour window at minute 120. Closed ranges take the 13 points at
    /// 60, 65, …, 120 (12 of them after the step): 12/13. Left-open ranges drop the point at 60: 1.
    @Test func theTwoRangeConventionsDifferAtTheWindowsStart() throws {
        let simulator = BurnSimulator(scenario: Scenario(phases: [(0, 0), (60, 1)], recorded: true, horizon: 180))
        #expect(try #require(simulator.ratio(window: 60, at: 120, leftOpen: false)) == 12.0 / 13.0)
        #expect(try #require(simulator.ratio(window: 60, at: 120, leftOpen: true)) == 1)
    }

    /// Raw counters: the 5-minute rate at minute 65 averages minutes 61…65 (closed) or 62…65
    /// (left-open). Errors after minute 62 make 3 of 5 and 3 of 4 bad minutes.
    @Test func rawCountersAverageTheMinutesOfEachRate() throws {
        let simulator = BurnSimulator(scenario: Scenario(phases: [(0, 0), (62, 1)], recorded: false, horizon: 120))
        #expect(try #require(simulator.ratio(window: 5, at: 65, leftOpen: false)) == 0.6)
        #expect(try #require(simulator.ratio(window: 5, at: 65, leftOpen: true)) == 0.75)
        #expect(try #require(simulator.ratio(window: 5, at: 60, leftOpen: false)) == 0)
    }

    @Test func noTrafficYetHasNoRatio() {
        let simulator = BurnSimulator(scenario: Scenario(phases: [(0, 1)], recorded: true, horizon: 60))
        #expect(simulator.ratio(window: 5, at: 0, leftOpen: false) == nil)
    }

    /// A verdict is certain only outside ±3% of the threshold, on both conventions.
    @Test func verdictsNearTheThresholdAreUnknown() {
        let simulator = BurnSimulator(scenario: Scenario(phases: [(0, 0.1)], recorded: true, horizon: 120))
        #expect(simulator.exceeds(window: 60, threshold: 0.05, at: 120) == .yes)
        #expect(simulator.exceeds(window: 60, threshold: 0.2, at: 120) == .no)
        #expect(simulator.exceeds(window: 60, threshold: 0.1, at: 120) == .unknown)
        #expect(simulator.exceeds(window: 60, threshold: 0.1 / 1.029, at: 120) == .unknown)
        #expect(simulator.exceeds(window: 60, threshold: 0.1 / 1.031, at: 120) == .yes)
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
