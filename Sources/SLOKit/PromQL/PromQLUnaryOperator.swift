/// The unary operators of PromQL.
enum PromQLUnaryOperator: String, Sendable, Equatable, Hashable, CaseIterable {
    case plus = "+"
    case minus = "-"
}
