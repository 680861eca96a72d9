extension YAMLNode {
    /// `~`, `null` or nothing at all: YAML's null, which a spec treats as "not written".
    var isNull: Bool {
        guard case .scalar(let scalar) = kind, scalar.style == .plain else { return tag == "!!null" }
        return tag == "!!null" || scalar.value.isEmpty || scalar.value == "~" || scalar.value == "null"
            || scalar.value == "Null" || scalar.value == "NULL"
    }
}
