/// The arithmetic the documents print: allowed downtime, service credits, budget spent.
///
/// Kept apart from the renderers so the numbers a customer reads are pinned by unit tests.
enum BudgetMath {
    /// Seconds of full outage an objective allows in a period of `days` days: 99.9% of 30 days is 2,592 s.
    static func allowedDowntimeSeconds(objectivePercent: Double, days: Int) -> Double {
        let budget = NumberFormat.withoutBinaryNoise(1 - NumberFormat.withoutBinaryNoise(objectivePercent / 100))
        return budget * Double(days) * 86_400
    }

    /// A service-credit tier: achieving less than `belowPercent` earns `creditPercent` of the fee.
    struct CreditTier: Sendable, Hashable {
        var belowPercent: Double
        var creditPercent: Double
    }

    /// The credit owed for an achieved level: the tier with the lowest bound still above it, or nil.
    ///
    /// Bounds are strict: achieving exactly 99.5 under a `below: 99.5` tier earns nothing.
    static func credit(achievedPercent: Double, tiers: [CreditTier]) -> CreditTier? {
        tiers.filter { achievedPercent < $0.belowPercent }.min { $0.belowPercent < $1.belowPercent }
    }

    /// The share of the window's budget a full outage of `seconds` spends (1 = all of it).
    static func budgetSpent(outageSeconds: Double, errorBudget: Double, window: DurationValue) -> Double {
        outageSeconds / (errorBudget * window.seconds)
    }
}
