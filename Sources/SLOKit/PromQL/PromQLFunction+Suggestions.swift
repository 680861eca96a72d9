extension PromQLFunction {
    /// The known function name closest to `name`, for "did you mean" hints:
    /// a case-insensitive match, else the nearest name within edit distance 2.
    static func closestName(to name: String) -> String? {
        let lowered = name.lowercased()
        if named(lowered) != nil { return lowered }
        var best: (name: String, distance: Int)?
        for function in all {
            let distance = Suggestion.editDistance(lowered, function.name)
            if distance <= 2, distance < (best?.distance ?? Int.max) {
                best = (function.name, distance)
            }
        }
        return best?.name
    }
}
