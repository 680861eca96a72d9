/// Strings that a label-matcher regex is likely to accept, one per top-level alternative.
///
/// Fire-tests need concrete label values: `code=~"5.."` becomes `500`. This covers the RE2 subset
/// people write in selectors (literals, `.`, classes, groups, alternation, quantifiers); every
/// candidate is then checked with a real regex engine before it is used.
enum RegexExamples {
    static func candidates(for pattern: String) -> [String] {
        var parser = Generator(Array(pattern.unicodeScalars))
        return parser.alternatives(topLevel: true)
    }

    private struct Generator {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        /// Each alternative's shortest example at the top level; the first one inside groups.
        mutating func alternatives(topLevel: Bool) -> [String] {
            var results: [String] = []
            var current = ""
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "|" {
                    index += 1
                    results.append(current)
                    current = ""
                    continue
                }
                if scalar == ")" && !topLevel { break }
                let (piece, repeatable) = atom()
                current += quantified(piece, repeatable: repeatable)
            }
            results.append(current)
            return results
        }

        mutating func atom() -> (String, Bool) {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "(":
                if index < scalars.count, scalars[index] == "?" {
                    // (?:...), (?P<name>...), (?i) flags: skip to the group body.
                    while index < scalars.count, scalars[index] != ":" && scalars[index] != ">" && scalars[index] != ")"
                    {
                        index += 1
                    }
                    if index < scalars.count, scalars[index] == ")" {
                        index += 1
                        return ("", false)
                    }
                    index += 1
                }
                let inner = alternatives(topLevel: false).first ?? ""
                if index < scalars.count, scalars[index] == ")" { index += 1 }
                return (inner, true)
            case "[":
                return (characterClass(), true)
            case ".":
                return ("0", true)
            case "^", "$":
                return ("", false)
            case "\\":
                guard index < scalars.count else { return ("", false) }
                let escaped = scalars[index]
                index += 1
                switch escaped {
                case "d": return ("0", true)
                case "w": return ("a", true)
                case "s": return (" ", true)
                case "D", "W", "S": return ("-", true)
                case "b", "B", "A", "z": return ("", false)
                default: return (String(escaped), true)
                }
            default:
                return (String(scalar), true)
            }
        }

        mutating func characterClass() -> String {
            var negated = false
            if index < scalars.count, scalars[index] == "^" {
                negated = true
                index += 1
            }
            var members: [Unicode.Scalar] = []
            var first = true
            while index < scalars.count, scalars[index] != "]" || first {
                first = false
                var scalar = scalars[index]
                index += 1
                if scalar == "\\", index < scalars.count {
                    scalar = scalars[index] == "d" ? "0" : scalars[index]
                    index += 1
                }
                if index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] != "]" {
                    let upper = scalars[index + 1]
                    index += 2
                    if scalar.value <= upper.value {
                        for value in scalar.value...min(upper.value, scalar.value + 200) {
                            if let member = Unicode.Scalar(value) { members.append(member) }
                        }
                    }
                } else {
                    members.append(scalar)
                }
            }
            if index < scalars.count { index += 1 }
            if negated {
                let pool: [Unicode.Scalar] = ["x", "0", "a", "Z", "_", "-", "9"]
                return pool.first { !members.contains($0) }.map(String.init) ?? "~"
            }
            return members.first.map(String.init) ?? ""
        }

        mutating func quantified(_ piece: String, repeatable: Bool) -> String {
            guard index < scalars.count, repeatable else { return piece }
            switch scalars[index] {
            case "*", "?":
                index += 1
                skipLazy()
                return ""
            case "+":
                index += 1
                skipLazy()
                return piece
            case "{":
                var digits = ""
                var cursor = index + 1
                while cursor < scalars.count, ("0"..."9").contains(scalars[cursor]) {
                    digits.unicodeScalars.append(scalars[cursor])
                    cursor += 1
                }
                while cursor < scalars.count, scalars[cursor] != "}" { cursor += 1 }
                guard let count = Int(digits), cursor < scalars.count else { return piece }
                index = cursor + 1
                skipLazy()
                return String(repeating: piece, count: min(count, 64))
            default:
                return piece
            }
        }

        mutating func skipLazy() {
            if index < scalars.count, scalars[index] == "?" { index += 1 }
        }
    }
}
