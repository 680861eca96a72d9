/// How the rules assemble every window longer than the base window: from 5-minute chunks that end
/// exactly at the evaluation time and never overlap ("tiles").
///
/// A window W at time t is the sum of the recorded 5-minute rates at t, t−5m, …, t−W+5m, so it
/// covers (t−W, t] with the newest chunk as fresh as the 5-minute rate itself. A subquery over the
/// same recordings (`[W:5m]`) would move only every 5 minutes, and a plain range (`[W]`) would
/// count each minute in five overlapping rates and lag by 2.5 minutes; tiles do neither. Long
/// windows regroup the chunks through recorded levels (events over 1h, 6h, 1d, 7d, each the sum of
/// the level below at fixed offsets), so a 30-day window reads 6 samples per side instead of 8,640.
///
/// Exact when the evaluation interval divides 5 minutes: every `offset` then lands on a sample the
/// group recorded. The plan is data so another output can lay the same windows out differently
/// (`Layout.flat`: nothing reads a recording of its own round, for rulers that write recordings
/// asynchronously, such as vmalert).
struct WindowPlan: Sendable, Hashable {
    /// Where a chunk's events come from.
    enum Source: Sendable, Hashable {
        /// The SLI's own 5-minute expression, evaluated inline (the newest chunk of the flat layout).
        case raw
        /// The recorded 5-minute rate, `slo:sli_errors:rate5m` (per second).
        case rate5m
        /// A recorded level: events over `size`, `slo:sli_errors:increase1h`.
        case level(DurationValue)

        /// The time the chunk covers.
        var size: DurationValue {
            switch self {
            case .raw, .rate5m: WindowPlan.tile
            case .level(let size): size
            }
        }
    }

    /// One term of a window's sum: the events of `source` over (t−offset−size, t−offset].
    struct Chunk: Sendable, Hashable {
        var source: Source
        var offset: DurationValue
    }

    /// Which rules may be read at offset 0.
    enum Layout: Sendable, Hashable {
        /// Every recording of this round may be read (Prometheus, Thanos Ruler and Mimir evaluate
        /// a group's rules in order): the fewest terms.
        case chained
        /// Only recordings of earlier rounds (offset ≥ 5m) are read; the newest chunk is the raw
        /// expression itself.
        case flat
    }

    /// The window as the series name says (`61m`); the chunks cover `covered` (`65m`).
    var window: DurationValue
    var chunks: [Chunk]

    /// The time the chunks cover together: the window rounded up to whole tiles.
    var covered: DurationValue {
        DurationValue(milliseconds: chunks.reduce(0) { $0 + $1.source.size.milliseconds })
    }

    /// Whether the sum adds 5-minute rates (per second) to level increases (events): the rates are
    /// then scaled by the tile's seconds.
    var mixesUnits: Bool {
        let rates = chunks.filter { $0.source == .rate5m || $0.source == .raw }.count
        return rates > 0 && rates < chunks.count
    }

    /// The length of one chunk of the base recordings.
    static let tile = DurationValue.minutes(5)

    /// The recorded levels, smallest first, each built from `count` chunks of the one before it
    /// (the first from 5-minute rates): 12 × 5m, 6 × 1h, 4 × 6h, 7 × 1d.
    static let levels: [(size: DurationValue, count: Int)] = [
        (.hours(1), 12), (.hours(6), 6), (.days(1), 4), (.days(7), 7),
    ]

    /// The chunks of `window`: largest levels first from the evaluation time backwards, then
    /// 5-minute rates. A window that is not a whole number of tiles is rounded up, as a 5-minute
    /// subquery over it would be.
    init(window: DurationValue, layout: Layout = .chained) {
        self.window = window
        let tileMilliseconds = Self.tile.milliseconds
        var rest = (window.milliseconds + tileMilliseconds - 1) / tileMilliseconds * tileMilliseconds
        var position: Int64 = 0
        var chunks: [Chunk] = []
        func add(_ source: Source) {
            chunks.append(Chunk(source: source, offset: DurationValue(milliseconds: position)))
            position += source.size.milliseconds
            rest -= source.size.milliseconds
        }
        if layout == .flat {
            // The newest chunk from raw series, the rest of the first hour from 5-minute rates of
            // earlier rounds; levels only from an hour back, where they are always older rounds.
            add(.raw)
            while rest > 0, position < DurationValue.hours(1).milliseconds { add(.rate5m) }
        }
        for level in Self.levels.reversed() {
            while rest >= level.size.milliseconds { add(.level(level.size)) }
        }
        while rest > 0 { add(.rate5m) }
        self.chunks = chunks
    }

    /// The levels the windows read, and the levels those are built from: recorded smallest first.
    static func levelsNeeded(by windows: [WindowPlan]) -> [DurationValue] {
        var largest: DurationValue?
        for window in windows {
            for chunk in window.chunks {
                if case .level(let size) = chunk.source, size > (largest ?? .minutes(0)) { largest = size }
            }
        }
        guard let largest else { return [] }
        return levels.map(\.size).filter { $0 <= largest }
    }

    /// The chunks of a level: `count` of the level below at fixed offsets (t, t−size, …).
    static func levelChunks(_ size: DurationValue) -> [Chunk] {
        guard let index = levels.firstIndex(where: { $0.size == size }) else { return [] }
        let below: Source = index == 0 ? .rate5m : .level(levels[index - 1].size)
        return (0..<levels[index].count).map {
            Chunk(source: below, offset: DurationValue(milliseconds: Int64($0) * below.size.milliseconds))
        }
    }
}
