import Testing

@testable import SLOKit

@Suite struct UTCTimeTests {
    @Test(arguments: [
        ("2026-03-01T00:00:00Z", Int64(1_772_323_200)),
        ("2026-03-01T01:30:00+01:30", 1_772_323_200),
        ("2026-02-28T22:00:00-02:00", 1_772_323_200),
        ("2026-03-01t00:00:00.999z", 1_772_323_200),
        ("1970-01-01T00:00:00Z", 0),
        ("2028-02-29T12:00:00Z", 1_835_438_400),
    ])
    func parses(text: String, expected: Int64) {
        #expect(UTCTime.parse(text) == expected)
    }

    @Test(arguments: [
        "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-03-01 00:00:00Z", "2026-03-01T24:00:00Z",
        "2026-03-01T00:00:00", "2026-03-01T00:00:00+0100", "2026-03-01T00:00:00.Z", "yesterday", "",
    ])
    func rejects(text: String) {
        #expect(UTCTime.parse(text) == nil)
    }

    @Test func formatsAndRoundTrips() {
        for time in stride(from: Int64(-86_400 * 400), through: 86_400 * 365 * 60, by: 86_400 * 7 + 3661) {
            #expect(UTCTime.parse(UTCTime.format(time)) == time)
        }
        #expect(UTCTime.format(1_772_323_200) == "2026-03-01T00:00:00Z")
        #expect(UTCTime.readable(1_772_323_200) == "2026-03-01 00:00 UTC")
    }

    @Test(arguments: [
        // (period, instant, start, end)
        (CalendarPeriod.month, "2026-03-03T00:00:00Z", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"),
        (.month, "2026-12-31T23:59:59Z", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        (.month, "2028-02-10T00:00:00Z", "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z"),
        (.quarter, "2026-11-26T20:00:00Z", "2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        (.quarter, "2026-04-01T00:00:00Z", "2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z"),
        (.year, "2026-06-15T00:00:00Z", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        // ISO weeks start on Monday; 2026-11-26 is a Thursday.
        (.week, "2026-11-26T20:00:00Z", "2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z"),
        (.week, "2026-11-23T00:00:00Z", "2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z"),
        (.week, "1969-12-31T12:00:00Z", "1969-12-29T00:00:00Z", "1970-01-05T00:00:00Z"),
    ])
    func calendarPeriods(period: CalendarPeriod, instant: String, start: String, end: String) throws {
        let at = try #require(UTCTime.parse(instant))
        let periodStart = UTCTime.periodStart(period, containing: at)
        #expect(UTCTime.format(periodStart) == start)
        #expect(UTCTime.format(UTCTime.periodEnd(period, startingAt: periodStart)) == end)
        let previous = UTCTime.previousPeriodStart(period, before: periodStart)
        #expect(UTCTime.periodEnd(period, startingAt: previous) == periodStart)
    }
}
