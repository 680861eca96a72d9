/// Unix seconds ↔ RFC 3339 and calendar periods, in UTC, without Foundation's calendars: reports
/// must give the same period boundaries on every machine whatever its time zone.
public enum UTCTime {
    /// `2026-03-01T00:00:00Z`, `2026-03-01T01:30:00+01:30` or `2026-03-01T00:00:00.5Z` (fractions
    /// are truncated to the second); nil when malformed.
    public static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[start..<start + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard bytes.count >= 20, let year = digits(0, 4), bytes[4] == 45, let month = digits(5, 2), bytes[7] == 45,
            let day = digits(8, 2), bytes[10] == 84 || bytes[10] == 116, let hour = digits(11, 2), bytes[13] == 58,
            let minute = digits(14, 2), bytes[16] == 58, let second = digits(17, 2),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month), hour < 24, minute < 60,
            second < 60
        else { return nil }
        var index = 19
        if bytes[index] == 46 {
            index += 1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset: Int64 = 0
        switch bytes[index] {
        case 90, 122:
            guard index + 1 == bytes.count else { return nil }
        case 43, 45:
            guard index + 6 == bytes.count, let hours = digits(index + 1, 2), bytes[index + 3] == 58,
                let minutes = digits(index + 4, 2), hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == 43 ? 1 : -1)
        default: return nil
        }
        return daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
    }

    /// `2026-03-01T00:00:00Z`.
    public static func format(_ time: Int64) -> String {
        let days = floorDivide(time, 86_400)
        let seconds = time - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        return
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))Z"
    }

    /// `2026-03-01 00:00 UTC`: for documents people read.
    public static func readable(_ time: Int64) -> String {
        let text = format(time)
        let date = text.prefix(10)
        let clock = text.dropFirst(11).prefix(text.hasSuffix(":00Z") ? 5 : 8)
        return "\(date) \(clock) UTC"
    }

    /// The start of the calendar period that contains `time` (weeks start on Monday, ISO 8601).
    static func periodStart(_ period: CalendarPeriod, containing time: Int64) -> Int64 {
        let days = floorDivide(time, 86_400)
        let (year, month, _) = civil(fromDays: days)
        switch period {
        case .week:
            let weekday = (days % 7 + 7 + 3) % 7  // 1970-01-01 was a Thursday: Monday = 0
            return (days - weekday) * 86_400
        case .month: return daysFromCivil(year: year, month: month, day: 1) * 86_400
        case .quarter: return daysFromCivil(year: year, month: (month - 1) / 3 * 3 + 1, day: 1) * 86_400
        case .year: return daysFromCivil(year: year, month: 1, day: 1) * 86_400
        }
    }

    /// The start of the period after the one starting at `start`.
    static func periodEnd(_ period: CalendarPeriod, startingAt start: Int64) -> Int64 {
        let (year, month, _) = civil(fromDays: floorDivide(start, 86_400))
        switch period {
        case .week: return start + 7 * 86_400
        case .month: return daysFromCivil(year: year + month / 12, month: month % 12 + 1, day: 1) * 86_400
        case .quarter:
            let next = month + 3
            return daysFromCivil(year: year + (next - 1) / 12, month: (next - 1) % 12 + 1, day: 1) * 86_400
        case .year: return daysFromCivil(year: year + 1, month: 1, day: 1) * 86_400
        }
    }

    /// The start of the period before the one starting at `start`.
    static func previousPeriodStart(_ period: CalendarPeriod, before start: Int64) -> Int64 {
        periodStart(period, containing: start - 1)
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        let next = daysFromCivil(year: year + month / 12, month: month % 12 + 1, day: 1)
        return next - daysFromCivil(year: year, month: month, day: 1)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
