/// A binary operation such as `a / on(job) group_left(team) b`.
public struct PromQLBinaryExpr: Sendable, Equatable {
    public var op: PromQLBinaryOperator
    public var lhs: PromQLExpr
    public var rhs: PromQLExpr
    /// `bool` modifier (only valid on comparison operators).
    public var returnBool: Bool
    /// The `on`/`ignoring` clause with optional `group_left`/`group_right`; `nil` when absent.
    public var matching: PromQLVectorMatching?
    /// Scalar offsets of the operator token; ignored by `==`. Used to point
    /// errors such as "comparisons between scalars must use bool" at the operator.
    public var operatorRange: Range<Int>

    public init(
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

    public static func == (lhs: PromQLBinaryExpr, rhs: PromQLBinaryExpr) -> Bool {
        lhs.op == rhs.op && lhs.returnBool == rhs.returnBool && lhs.matching == rhs.matching
            && lhs.lhs == rhs.lhs && lhs.rhs == rhs.rhs
    }
}
