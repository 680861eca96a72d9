/// YAML 1.2 core-schema numbers: what a plain scalar must look like to be read as a number.
enum YAMLNumber {
    static func parse(_ text: String) -> Double? {
        guard let first = text.utf8.first else { return nil }
        // Double(_:) also accepts "inf", "nan" and hex floats; the core schema does not.
        let allowed = text.utf8.allSatisfy {
            ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 43 || $0 == 45 || $0 == 101 || $0 == 69
        }
        guard allowed, first != UInt8(ascii: "e"), first != UInt8(ascii: "E") else { return nil }
        return Double(text)
    }
}
