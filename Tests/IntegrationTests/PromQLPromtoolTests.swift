import Foundation
import Testing

@testable import SLOKit

/// Compares our verdicts with the real `promtool check rules` (Prometheus 2.42).
///
/// Every corpus expression becomes the `expr` of a recording rule in its own
/// group (`e<index>`); every expression we accept is also added in printed
/// form (group `p<index>`). promtool reports each failing rule as
/// `group "e12", rule 1, "r12": could not parse expression: …`, so one run
/// gives the verdict of every expression. The test fails if promtool is
/// missing or prints anything it cannot attribute to a group.
@Suite("PromQL vs promtool")
struct PromQLPromtoolTests {
    /// YAML double-quoted scalar; non-ASCII is written as \u/\U escapes so
    /// that no character can be misread by the YAML parser.
    static func yamlQuote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\"": output += "\\\""
            default:
                let value = scalar.value
                if value < 0x20 || value == 0x7F {
                    output += "\\x" + String(format: "%02x", value)
                } else if value > 0xFFFF {
                    output += "\\U" + String(format: "%08x", value)
                } else if value > 0x7E {
                    output += "\\u" + String(format: "%04x", value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    struct Failure {
        let group: String
        let message: String
    }

    /// Runs `promtool check rules` on `rules` (group name → expression).
    static func runPromtool(rules: [(group: String, expr: String)]) async throws -> (
        failures: [String: String], unexpected: [String]
    ) {
        var yaml = "groups:\n"
        for (index, rule) in rules.enumerated() {
            yaml += "- name: \(rule.group)\n  rules:\n  - record: r\(index)\n    expr: \(yamlQuote(rule.expr))\n"
        }
        let scratch = try ScratchFolder()
        let outcome = try await Promtool.run(["check", "rules", try scratch.write("rules.yml", yaml)])
        let output = outcome.output

        var failures: [String: String] = [:]
        var unexpected: [String] = []
        for line in output.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("Checking ") || trimmed.hasPrefix("SUCCESS")
                || trimmed.hasPrefix("FAILED")
            {
                continue
            }
            if let groupStart = line.range(of: "group \""),
                let groupEnd = line[groupStart.upperBound...].firstIndex(of: "\"")
            {
                let group = String(line[groupStart.upperBound..<groupEnd])
                var message = String(line[groupEnd...])
                if let colon = message.range(of: "\": ") { message = String(message[colon.upperBound...]) }
                failures[group] = message
            } else {
                unexpected.append(line)
            }
        }
        if outcome.status != 0 && failures.isEmpty {
            unexpected.append("promtool exited with status \(outcome.status) without naming a failing group")
        }
        return (failures, unexpected)
    }

    @Test("promtool accepts exactly the corpus expressions we accept, and all printed forms")
    func agreement() async throws {
        let entries = try PromQLCorpus.load()
        var rules: [(group: String, expr: String)] = []
        var ours: [Int: PromQLExpr] = [:]
        for entry in entries {
            rules.append(("e\(entry.index)", entry.expression))
            if let expr = try? PromQLParser.parse(entry.expression) {
                ours[entry.index] = expr
                rules.append(("p\(entry.index)", expr.description))
            }
        }
        let (failures, unexpected) = try await Self.runPromtool(rules: rules)
        #expect(unexpected.isEmpty, "unrecognised promtool output: \(unexpected.prefix(5))")

        var disagreements = 0
        var positionsCompared = 0
        var positionsEqual = 0
        for entry in entries {
            let promtoolAccepts = failures["e\(entry.index)"] == nil
            let weAccept = ours[entry.index] != nil
            if promtoolAccepts != weAccept {
                disagreements += 1
                Issue.record(
                    "\(entry): promtool \(promtoolAccepts ? "accepts" : "rejects (\(failures["e\(entry.index)"]!))") but we \(weAccept ? "accept" : "reject") it"
                )
            }
            #expect(promtoolAccepts == entry.expectValid, "annotation of \(entry) disagrees with promtool")
            if let printedFailure = failures["p\(entry.index)"] {
                Issue.record(
                    "\(entry): printed form \(ours[entry.index]!.description.debugDescription) is rejected by promtool: \(printedFailure)"
                )
            }
            // Informational: does our error offset match promtool's column?
            if !weAccept, let message = failures["e\(entry.index)"],
                !entry.expression.contains("\n"), entry.expression.utf8.count == entry.expression.unicodeScalars.count,
                let column = Self.promtoolColumn(message)
            {
                positionsCompared += 1
                do { _ = try PromQLParser.parse(entry.expression) } catch {
                    if error.offset == column - 1 { positionsEqual += 1 }
                }
            }
        }
        #expect(disagreements == 0)
        print(
            "promtool agreement: \(entries.count - disagreements)/\(entries.count) corpus expressions; \(ours.count) printed forms checked; error offsets equal to promtool's column in \(positionsEqual)/\(positionsCompared) comparable cases"
        )
    }

    /// Extracts COL from "could not parse expression: 1:COL: parse error: …".
    static func promtoolColumn(_ message: String) -> Int? {
        guard let range = message.range(of: "could not parse expression: 1:") else { return nil }
        let digits = message[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }
}
