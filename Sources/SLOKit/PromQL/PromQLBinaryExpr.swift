/// A binary operation such as `a / on(job) group_left(team) b`.
struct PromQLBinaryExpr: Sendable, Equatable {
    var op: PromQLBinaryOperator
    var lhs: PromQLExpr
    var rhs: PromQLExpr
    /// `bool` modifier (only valid on comparison operators).
    var returnBool: Bool
    /// The `on`/`ignoring` clause with optional `group_left`/`group_right`; `nil` when absent.
    var matching: PromQLVectorMatching?
    /// Scalar offsets of the operator token; ignored by `==`. Used to point
    /// errors such as "comparisons between scalars must use bool" at the operator.
    var operatorRange: Range<Int>

    init(
        op: PromQLBinaryOperator, lhs: PromQLExpr, rhs: PromQLExpr, returnBool: Bool = false,
        matching: PromQLVectorMatching? = nil, operatorRange: Range<Int> = 0..<0
    ) {
        self.op = op
        self.lhs = lhs
        self.rhs = rhs
        self.returnBool = returnBool
        self.matching = matching
        self.operatorRange = operatorRange
    }

    static func == (lhs: PromQLBinaryExpr, rhs: PromQLBinaryExpr) -> Bool {
        lhs.op == rhs.op && lhs.returnBool == rhs.returnBool && lhs.matching == rhs.matching
            && lhs.lhs == rhs.lhs && lhs.rhs == rhs.rhs
    }
}
