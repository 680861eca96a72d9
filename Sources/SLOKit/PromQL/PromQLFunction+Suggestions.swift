extension PromQLFunction {
    /// The known function name closest to `name`, for "did you mean" hints:
    /// a case-insensitive match, else the nearest name within edit distance 2.
    static func closestName(to name: String) -> String? {
        let lowered = name.lowercased()
        if named(lowered) != nil { return lowered }
        var best: (name: String, distance: Int)?
        for function in all {
            let distance = editDistance(Array(lowered.utf8), Array(function.name.utf8))
            if distance <= 2, distance < (best?.distance ?? Int.max) {
                best = (function.name, distance)
            }
        }
        return best?.name
    }

    private static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
