/// The signature of a PromQL function, as in Prometheus 2.42's `functions.go`.
struct PromQLFunction: Sendable, Equatable, Hashable {
    let name: String
    /// Types of the declared arguments. For variadic functions the last type
    /// also applies to every extra argument.
    let argumentTypes: [PromQLValueType]
    /// `0`: exactly `argumentTypes.count` arguments. `n > 0`: the last
    /// argument is optional and at most `argumentTypes.count - 1 + n` may be
    /// given. `-1`: at least `argumentTypes.count - 1`, unbounded.
    let variadic: Int
    /// What a call evaluates to (`scalar` for `time()`, `pi()`, `scalar()`).
    let returnType: PromQLValueType

    init(
        _ name: String, _ argumentTypes: [PromQLValueType], variadic: Int = 0,
        returns returnType: PromQLValueType = .instantVector
    ) {
        self.name = name
        self.argumentTypes = argumentTypes
        self.variadic = variadic
        self.returnType = returnType
    }

    /// Smallest number of arguments a call may have.
    var minimumArgumentCount: Int {
        variadic == 0 ? argumentTypes.count : argumentTypes.count - 1
    }

    /// Largest number of arguments a call may have; `nil` when unbounded.
    var maximumArgumentCount: Int? {
        if variadic == 0 { return argumentTypes.count }
        if variadic < 0 { return nil }
        return argumentTypes.count - 1 + variadic
    }

    /// The type expected for the argument at `index`, if any.
    func argumentType(at index: Int) -> PromQLValueType? {
        if index < argumentTypes.count { return argumentTypes[index] }
        return variadic == 0 ? nil : argumentTypes.last
    }

    /// Looks a function up by its exact (case-sensitive) name.
    static func named(_ name: String) -> PromQLFunction? {
        table[name]
    }

    /// All functions known to Prometheus 2.42, sorted by name.
    static var all: [PromQLFunction] {
        table.values.sorted { $0.name < $1.name }
    }

    private static let table: [String: PromQLFunction] = {
        let v = PromQLValueType.instantVector
        let m = PromQLValueType.rangeVector
        let s = PromQLValueType.scalar
        let str = PromQLValueType.string
        let list: [PromQLFunction] = [
            .init("abs", [v]),
            .init("absent", [v]),
            .init("absent_over_time", [m]),
            .init("acos", [v]),
            .init("acosh", [v]),
            .init("asin", [v]),
            .init("asinh", [v]),
            .init("atan", [v]),
            .init("atanh", [v]),
            .init("avg_over_time", [m]),
            .init("ceil", [v]),
            .init("changes", [m]),
            .init("clamp", [v, s, s]),
            .init("clamp_max", [v, s]),
            .init("clamp_min", [v, s]),
            .init("cos", [v]),
            .init("cosh", [v]),
            .init("count_over_time", [m]),
            .init("days_in_month", [v], variadic: 1),
            .init("day_of_month", [v], variadic: 1),
            .init("day_of_week", [v], variadic: 1),
            .init("day_of_year", [v], variadic: 1),
            .init("deg", [v]),
            .init("delta", [m]),
            .init("deriv", [m]),
            .init("exp", [v]),
            .init("floor", [v]),
            .init("histogram_count", [v]),
            .init("histogram_fraction", [s, s, v]),
            .init("histogram_quantile", [s, v]),
            .init("histogram_sum", [v]),
            .init("holt_winters", [m, s, s]),
            .init("hour", [v], variadic: 1),
            .init("idelta", [m]),
            .init("increase", [m]),
            .init("irate", [m]),
            .init("label_join", [v, str, str, str], variadic: -1),
            .init("label_replace", [v, str, str, str, str]),
            .init("last_over_time", [m]),
            .init("ln", [v]),
            .init("log10", [v]),
            .init("log2", [v]),
            .init("max_over_time", [m]),
            .init("min_over_time", [m]),
            .init("minute", [v], variadic: 1),
            .init("month", [v], variadic: 1),
            .init("pi", [], returns: s),
            .init("predict_linear", [m, s]),
            .init("present_over_time", [m]),
            .init("quantile_over_time", [s, m]),
            .init("rad", [v]),
            .init("rate", [m]),
            .init("resets", [m]),
            .init("round", [v, s], variadic: 1),
            .init("scalar", [v], returns: s),
            .init("sgn", [v]),
            .init("sin", [v]),
            .init("sinh", [v]),
            .init("sort", [v]),
            .init("sort_desc", [v]),
            .init("sqrt", [v]),
            .init("stddev_over_time", [m]),
            .init("stdvar_over_time", [m]),
            .init("sum_over_time", [m]),
            .init("tan", [v]),
            .init("tanh", [v]),
            .init("time", [], returns: s),
            .init("timestamp", [v]),
            .init("vector", [s]),
            .init("year", [v], variadic: 1),
        ]
        var table: [String: PromQLFunction] = [:]
        for function in list { table[function.name] = function }
        return table
    }()
}
