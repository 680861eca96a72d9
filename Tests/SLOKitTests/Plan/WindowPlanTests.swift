import Testing

@testable import SLOKit

/// How windows are cut into tiles and recorded levels: largest level first from the evaluation
/// time backwards, then 5-minute rates; the flat layout reads nothing of its own round.
@Suite struct WindowPlanTests {
    /// `source@offset` for each chunk: `5m@25m`, `1h@0s`, `raw@0s`.
    static func terms(_ plan: WindowPlan) -> [String] {
        plan.chunks.map { chunk in
            switch chunk.source {
            case .raw: "raw@\(chunk.offset)"
            case .rate5m: "5m@\(chunk.offset)"
            case .level(let size): "\(size)@\(chunk.offset)"
            }
        }
    }

    @Test func shortWindowsAreFiveMinuteRates() {
        #expect(
            Self.terms(WindowPlan(window: .minutes(30))) == (0..<6).map { "5m@\(DurationValue.minutes(Int64($0 * 5)))" }
        )
        #expect(Self.terms(WindowPlan(window: .minutes(15))) == ["5m@0s", "5m@5m", "5m@10m"])
    }

    /// The Workbook's windows for 30 and 28 days, and the 7-day ticket's 17 hours.
    @Test func longWindowsRegroupThroughLevels() {
        #expect(Self.terms(WindowPlan(window: .hours(1))) == ["1h@0s"])
        #expect(Self.terms(WindowPlan(window: .hours(2))) == ["1h@0s", "1h@1h"])
        #expect(Self.terms(WindowPlan(window: .hours(6))) == ["6h@0s"])
        #expect(Self.terms(WindowPlan(window: .days(3))) == ["1d@0s", "1d@1d", "1d@2d"])
        #expect(
            Self.terms(WindowPlan(window: .days(30)))
                == ["7d@0s", "7d@7d", "7d@14d", "7d@21d", "1d@28d", "1d@29d"])
        #expect(Self.terms(WindowPlan(window: .days(28))) == ["7d@0s", "7d@7d", "7d@14d", "7d@21d"])
        #expect(
            Self.terms(WindowPlan(window: .hours(17)))
                == ["6h@0s", "6h@6h", "1h@12h", "1h@13h", "1h@14h", "1h@15h", "1h@16h"])
    }

    /// Every chunk follows the one before it without gap or overlap.
    @Test func chunksTileTheWindow() {
        for window in [DurationValue.minutes(35), .hours(17), .days(30), .days(400), .minutes(61)] {
            let plan = WindowPlan(window: window)
            var position: Int64 = 0
            for chunk in plan.chunks {
                #expect(chunk.offset.milliseconds == position, "\(window)")
                position += chunk.source.size.milliseconds
            }
            #expect(plan.covered.milliseconds == position)
            #expect(plan.covered >= window && plan.covered.milliseconds - window.milliseconds < 300_000)
        }
    }

    /// A window that is not whole tiles covers the next whole one; mixing rates (per second) with
    /// level increases (events) scales the rates.
    @Test func anUnevenWindowRoundsUpAndMixesUnits() {
        let plan = WindowPlan(window: .minutes(61))
        #expect(Self.terms(plan) == ["1h@0s", "5m@1h"])
        #expect(plan.covered == .minutes(65))
        #expect(plan.mixesUnits)
        #expect(!WindowPlan(window: .hours(2)).mixesUnits)
        #expect(!WindowPlan(window: .minutes(30)).mixesUnits)
    }

    /// Only the levels a window reads are recorded, with every level below them.
    @Test func levelsAreRecordedUpToTheLargestOneRead() {
        let workbook = [DurationValue.minutes(30), .hours(1), .hours(2), .hours(6), .days(1), .days(3), .days(30)]
        #expect(
            WindowPlan.levelsNeeded(by: workbook.map { WindowPlan(window: $0) }) == [
                .hours(1), .hours(6), .days(1), .days(7),
            ])
        #expect(WindowPlan.levelsNeeded(by: [WindowPlan(window: .hours(2))]) == [.hours(1)])
        #expect(WindowPlan.levelsNeeded(by: [WindowPlan(window: .minutes(15))]).isEmpty)
        #expect(WindowPlan.levelChunks(.hours(1)).count == 12)
        #expect(WindowPlan.levelChunks(.days(7)).map(\.offset) == (0..<7).map { DurationValue.days(Int64($0)) })
    }

    /// The flat layout (for rulers whose recordings arrive late): the newest chunk from raw series,
    /// the rest of the first hour from 5-minute rates of earlier rounds, levels only an hour back.
    @Test func theFlatLayoutReadsNoRecordingOfItsOwnRound() {
        #expect(Self.terms(WindowPlan(window: .minutes(15), layout: .flat)) == ["raw@0s", "5m@5m", "5m@10m"])
        let hour = WindowPlan(window: .hours(1), layout: .flat)
        #expect(Self.terms(hour).first == "raw@0s" && hour.chunks.count == 12 && !hour.mixesUnits)
        let sixHours = Self.terms(WindowPlan(window: .hours(6), layout: .flat))
        #expect(sixHours.count == 17 && sixHours.suffix(5) == ["1h@1h", "1h@2h", "1h@3h", "1h@4h", "1h@5h"])
        for window in [DurationValue.hours(6), .days(30)] {
            let plan = WindowPlan(window: window, layout: .flat)
            #expect(plan.covered == window)
            #expect(plan.chunks.dropFirst().allSatisfy { $0.offset >= .minutes(5) })
        }
    }
}
