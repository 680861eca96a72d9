import Testing

@testable import SLOKit

@Suite("PromQL durations")
struct PromQLDurationTests {
    static let day: Int64 = 86_400_000

    static let parseCases: [(String, Int64)] = [
        ("500ms", 500),
        ("5s", 5_000),
        ("5m", 300_000),
        ("1h30m", 5_400_000),
        ("30d", 2_592_000_000),
        ("4w", 2_419_200_000),
        ("1y", 31_536_000_000),
        ("1y2w3d4h5m6s7ms", 33_019_506_007),
        ("0", 0),
        ("0s", 0),
        ("01m", 60_000),
        ("292y", 9_208_512_000_000),
    ]

    @Test(arguments: parseCases)
    func parse(text: String, milliseconds: Int64) throws {
        #expect(try PromQLDuration.parseMilliseconds(text) == milliseconds)
        #expect(try PromQLDuration(parsing: text).milliseconds == milliseconds)
    }

    @Test(arguments: [
        "", "5", "5M", "1.5m", "1m1h", "1s1s", "1hs", "-5m", "5m ", "m", "1ms5s", "293y", "99999999999999999999s",
    ])
    func rejects(text: String) {
        #expect(throws: PromQLError.self) { try PromQLDuration.parseMilliseconds(text) }
    }

    static let formatCases: [(Int64, String)] = [
        (0, "0s"),
        (500, "500ms"),
        (5_400_000, "1h30m"),
        (2_592_000_000, "30d"),
        (2_419_200_000, "4w"),
        (7_776_000_000, "90d"),
        (31_536_000_000, "1y"),
        (31_622_400_000, "366d"),
        (1_209_600_000, "2w"),
        (61_001, "1m1s1ms"),
        (-300_000, "-5m"),
        (Int64.min, "-106751991167d7h12m55s808ms"),
    ]

    @Test(arguments: formatCases)
    func format(milliseconds: Int64, text: String) {
        #expect(PromQLDuration.format(milliseconds: milliseconds) == text)
        #expect(PromQLDuration(milliseconds: milliseconds).description == text)
    }

    @Test func formatRoundTrips() throws {
        for milliseconds: Int64 in [
            1, 999, 1_000, 59_999, 3_600_000, 86_399_999, 604_800_000, 31_536_000_000 * 3, 123_456_789_012,
        ] {
            let text = PromQLDuration.format(milliseconds: milliseconds)
            #expect(try PromQLDuration.parseMilliseconds(text) == milliseconds, "\(text)")
        }
    }

    @Test func errorOffsetsAreRelativeToTheDurationToken() throws {
        do {
            _ = try PromQLParser.parse("rate(x[1h30])")
            Issue.record("expected error")
        } catch {
            #expect(error.offset == 7)
            #expect(error.message.contains("bad duration syntax"))
        }
        do {
            _ = try PromQLParser.parse("x offset 1m1h")
            Issue.record("expected error")
        } catch {
            #expect(error.offset == 9)
            #expect(error.end == 13)
        }
    }
}
