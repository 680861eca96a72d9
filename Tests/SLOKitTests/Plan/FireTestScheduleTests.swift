import Testing

@testable import SLOKit

/// The fire-test schedule: when each scenario must (not) fire, checked against an independent
/// replay of the same scenario, and which window pairs no scenario can observe.
@Suite struct FireTestScheduleTests {
    static let slo = PlanModels.availability()
    static let key = FireTestSchedule.Key(slo: slo, recorded: false)

    @Test func theKeyHoldsOnlyWhatTheSimulationDependsOn() {
        #expect(Self.key.budget == 0.001)
        #expect(Self.key.windowMinutes == 30 * 24 * 60)
        #expect(Self.key.tiers.map(\.severity) == [.page, .ticket])
        #expect(Self.key.exhaustedFor == .minutes(5))
        // Another SLO with the same objective and policy shares the key (and so one simulation).
        let twin = PlanModels.availability().renamed("twin")
        #expect(FireTestSchedule.Key(slo: twin, recorded: false) == Self.key)
    }

    /// 30 days at 99.9%: both page pairs, the ticket pair 6h/3d (2h/1d is implied, see below),
    /// then the scenarios every SLO gets.
    @Test func everyScenarioKindIsPlannedInOrder() {
        let keys = FireTestSchedule(Self.key).entries.map(\.key)
        #expect(keys == ["page-0", "page-1", "ticket-1", "outage", "outage-early", "zero", "exhausted", "no-data"])
    }

    /// Each pair's scenario: checked quiet before the crossing and firing after it, and a replay
    /// of the same scenario agrees at both times on Prometheus 2 and 3 alike.
    @Test func crossingTimesAgreeWithAnIndependentReplay() throws {
        let schedule = FireTestSchedule(Self.key)
        for (tierIndex, tier) in Self.key.tiers.enumerated() {
            for (pairIndex, pair) in tier.windows.enumerated() {
                guard !schedule.implied.contains(pair) else { continue }
                let entry = try #require(schedule.entries.first { $0.key == "\(tier.severity.rawValue)-\(pairIndex)" })
                guard case .burn(let checks) = entry.checks else {
                    Issue.record("\(entry.key) has no burn checks")
                    continue
                }
                let firing = try #require(checks.first { $0.firing.contains(tierIndex) })
                let quiet = try #require(checks.last { $0.time < firing.time && $0.firing.isEmpty })
                let phases = try #require(Self.phases(entry.counters[.bad] ?? ""))
                let start = phases[1].from
                let replay = BurnSimulator(scenario: .init(phases: phases, recorded: false, horizon: firing.time))
                #expect(phases[1].share > pair.factor * Self.key.budget, "errors above the threshold")
                #expect(firing.time > quiet.time && firing.time % 5 == 0)
                #expect(firing.time <= start + pair.long.minutes + pair.short.minutes + 30, "\(entry.key)")
                let threshold = pair.factor * Self.key.budget
                for time in [quiet.time, firing.time] {
                    let fires =
                        replay.exceeds(window: pair.short.minutes, threshold: threshold, at: time)
                        && replay.exceeds(window: pair.long.minutes, threshold: threshold, at: time)
                    #expect(fires == (time == firing.time ? .yes : .no), "\(entry.key) at \(time)")
                }
            }
        }
    }

    /// The phases a bad-events counter encodes: `a+bxN` segments, `b` bad requests a minute.
    static func phases(_ values: String) -> [(from: Int, share: Double)]? {
        var phases: [(from: Int, share: Double)] = []
        var minute = 0
        for segment in values.split(separator: " ") {
            let parts = segment.split(separator: "+")
            guard parts.count == 2, let x = parts[1].firstIndex(of: "x"), let step = Double(parts[1][..<x]),
                let count = Int(parts[1][parts[1].index(after: x)...])
            else { return nil }
            phases.append((minute, step / FireTestSchedule.traffic))
            minute += phases.count == 1 ? count : count + 1
        }
        return phases.count >= 2 ? phases : nil
    }

    /// The standard ticket tier: errors that make 2h/1d (3×) fire always make 6h/3d (1×, the same
    /// budget share over a longer window) fire first, so 2h/1d cannot be observed on its own. It is
    /// reported as implied, not tested.
    @Test func aPairAnotherAlwaysFiresBeforeIsImplied() {
        let schedule = FireTestSchedule(Self.key)
        let ticket = Self.key.tiers[1].windows
        #expect(ticket.map(\.factor) == [3, 1])
        #expect(schedule.implied == [ticket[0]])
        #expect(!schedule.entries.map(\.key).contains("ticket-0"))
    }

    /// Without the pair that hides it, the same window pair gets its own scenario.
    @Test func withoutItsDominantPairAPairIsTested() {
        var key = Self.key
        key.tiers[1].windows.removeLast()
        let schedule = FireTestSchedule(key)
        #expect(schedule.implied.isEmpty)
        #expect(schedule.entries.map(\.key).contains("ticket-0"))
    }

    /// A 7-day window scales the pairs down; there 30m/6h (2.8×) is the pair that hides.
    @Test func impliedPairsDependOnTheWindow() {
        let week = FireTestSchedule(FireTestSchedule.Key(slo: PlanModels.availability(window: "7d"), recorded: true))
        #expect(week.implied.map { "\($0.short)/\($0.long)" } == ["30m/6h"])
    }

    /// Counters rise by whole requests per minute, one `start+stepxN` segment per phase.
    @Test func counterValuesAreOneSegmentPerPhase() {
        let scenario = BurnSimulator.Scenario(phases: [(0, 0), (10, 0.5)], recorded: false, horizon: 20)
        let values = FireTestSchedule.counterValues(scenario, horizon: 20) { $0 * 100 }
        #expect(values == "1000000000000+0x10 1000000000050+50x9")
        let gauge = FireTestSchedule.gaugeValues(scenario, horizon: 20)
        #expect(gauge == "0x10 0.5x9")
    }

    /// The full outage is checked at the minute the detection table gives (rules every minute) on
    /// the file's 5-minute grid: firing where that minute is an evaluation, quiet a minute before.
    @Test func theOutageIsCheckedAtTheTablesMinute() throws {
        let schedule = FireTestSchedule(Self.key)
        let table = DetectionTable(DetectionTable.Key(slo: Self.slo))
        let minutes = try #require(table.tierFire(.page).first ?? nil)
        for (key, firesAfter) in [("outage", minutes), ("outage-early", minutes - 1)] {
            let entry = try #require(schedule.entries.first { $0.key == key })
            guard case .burn(let checks) = entry.checks, let last = checks.last else {
                Issue.record("\(key) has no burn checks")
                continue
            }
            // An outage starting at the checked evaluation has no bad minute yet: one segment.
            let onset = Self.phases(entry.counters[.bad] ?? "")?[1].from ?? last.time
            #expect(last.time - onset == firesAfter, "\(key)")
            #expect(last.firing.contains(0) == (key == "outage"), "\(key)")
            #expect(last.time % 5 == 0)
        }
    }

    @Test func theCacheSimulatesEachKeyOnce() {
        let cache = SimulationCache()
        let first = cache.schedule(for: Self.key)
        let again = cache.schedule(for: Self.key)
        #expect(first.entries.map(\.key) == again.entries.map(\.key))
        #expect(first.entries.map(\.comment) == again.entries.map(\.comment))
    }
}

extension SLOModel {
    /// The same SLO under another name: what the schedule must not depend on.
    func renamed(_ name: String) -> SLOModel {
        var copy = self
        copy.name = name
        return copy
    }
}
