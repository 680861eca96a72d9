/// The unary operators of PromQL.
public enum PromQLUnaryOperator: String, Sendable, Equatable, Hashable, CaseIterable {
    case plus = "+"
    case minus = "-"
}
