/// A function call such as `histogram_quantile(0.99, x)`.
struct PromQLCall: Sendable, Equatable {
    /// The function name as written (function names are case-sensitive).
    var name: String
    /// The arguments in order (optional arguments of e.g. `round` or `hour` may be absent).
    var args: [PromQLExpr]

    init(name: String, args: [PromQLExpr]) {
        self.name = name
        self.args = args
    }

    /// The signature of the called function; `nil` only for synthesised calls
    /// of unknown functions (the parser rejects those).
    var function: PromQLFunction? { PromQLFunction.named(name) }
}
