@testable import SLOKit

/// Inline YAML with position markers: `1️⃣`, `2️⃣`, … stand where a diagnostic must point.
/// The markers are removed before parsing; `locations` gives each marker's line and column.
struct Snippet {
    static let markers: [Character] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    let text: String
    let locations: [Int: SourceLocation]
    let path: String

    init(_ marked: String, path: String = "spec.yaml") {
        var text = ""
        var locations: [Int: SourceLocation] = [:]
        var line = 1
        var column = 1
        for character in marked {
            if let index = Self.markers.firstIndex(of: character) {
                locations[index + 1] = SourceLocation(file: path, line: line, column: column)
                continue
            }
            text.append(character)
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
        self.locations = locations
        self.path = path
    }

    subscript(_ marker: Int) -> SourceLocation { locations[marker]! }

    var file: SourceFile { SourceFile(path: path, text: text) }

    func check() -> SpecFrontEnd.Result { SpecFrontEnd().check([file]) }

    func load(limits: InputLimits = InputLimits()) -> YAMLLoader.Result { YAMLLoader(limits: limits).load(file) }
}

extension Array where Element == Diagnostic {
    var errors: [Diagnostic] { filter { $0.severity == .error } }
    /// `CODE@line:column` for compact assertions.
    var summary: [String] { map { "\($0.code.rawValue)@\($0.location.line):\($0.location.column)" } }
}
