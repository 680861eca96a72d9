import Testing

@testable import SLOKit

/// Detection and reset times from the simulated rules, against the SRE Workbook's maths: a pair
/// fires when its long window's bad minutes reach factor × budget × long (and its short window's),
/// rounded up to the next evaluation with the 5-minute rate's own edge.
@Suite struct DetectionTableTests {
    static let table = DetectionTable(DetectionTable.Key(slo: PlanModels.availability()))

    static func row(_ short: DurationValue, _ long: DurationValue) -> DetectionTable.Row? {
        table.rows.first { $0.pair.short == short && $0.pair.long == long }
    }

    /// 30 days at 99.9%: the page fires after 1, 2, 5, 9, 18 and 44 minutes at 100 … 2% errors,
    /// as the Workbook's continuous maths rounded up to the next minute (52 s, 104 s, 259 s,
    /// 518 s, 1037 s, 2592 s); the same minutes Sloth's rules fire at on the same data.
    @Test func thePageFiresAsSoonAsTheMathsAllows() {
        #expect(Self.table.tierFire(.page) == [1, 2, 5, 9, 18, 44])
    }

    /// The ticket, after a history longer than its 3-day window, fires when 10% of the budget is
    /// gone: 3 days × 0.1% / r of errors (2h/1d at 3× and 6h/3d at 1× spend it equally fast).
    @Test func theTicketFiresWhenTenPercentOfTheBudgetIsGone() throws {
        let ticket = Self.table.tierFire(.ticket).map { $0 ?? -1 }
        for (ratio, minutes) in zip(DetectionTable.ratios, ticket) {
            let maths = 3 * 24 * 60 * 0.001 / ratio
            #expect(Double(minutes) >= maths && Double(minutes) <= maths + 2, "\(ratio): \(minutes) vs \(maths)")
        }
    }

    /// A pair resets within its short window once errors stop (the short window empties first).
    @Test func pairsResetWithinTheirShortWindow() throws {
        let fast = try #require(Self.row(.minutes(5), .hours(1)))
        for cell in fast.cells {
            let reset = try #require(cell?.reset)
            #expect(reset >= 1 && reset <= 5)
        }
        let slow = try #require(Self.row(.hours(6), .days(3)))
        for cell in slow.cells.compactMap({ $0 }) {
            #expect((cell.reset ?? 0) <= 6 * 60 + 1)
        }
    }

    /// A threshold at or above the ratio never fires: 99% with a 14.4× page needs 14.4% errors.
    @Test func aRatioBelowTheThresholdNeverFires() throws {
        let loose = DetectionTable(DetectionTable.Key(slo: PlanModels.availability(objective: 99)))
        let fast = try #require(loose.rows.first { $0.pair.factor == 14.4 })
        #expect(fast.cells.map { $0 == nil } == [false, false, false, true, true, true])
    }

    /// Budget exhausted under a full outage: 43.2 minutes of the 30-day budget, then `for: 5m`.
    @Test func theBudgetIsExhaustedWhenItsShareOfTheWindowIsBad() throws {
        let minutes = try #require(Self.table.exhaustedAfter)
        #expect(minutes >= 44 + 5 && minutes <= 44 + 5 + 1)
    }
}
