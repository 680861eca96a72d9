/// `rules.test.yml`: promtool unit tests for the rules in `rules.yml`, one commented entry per scenario.
///
/// libyaml's emitter writes no comments, so each entry is emitted on its own and the comment lines
/// are placed above it; the result is one valid YAML document.
func renderRuleTests(
    _ plan: RuleTestFilePlan, source: String, notes: [String], fileName: String = "rules.test.yml"
) -> String {
    var out = generatedHeader(source: source)
    out += "# Run with: promtool test rules \(fileName)\n"
    for note in notes { out += wrapComment(note) }
    var header: [(String, YAMLValue)] = [
        ("rule_files", .sequence([.string(plan.ruleFile)])),
        ("evaluation_interval", .string(plan.evaluationInterval.description)),
    ]
    if !plan.groupEvalOrder.isEmpty {
        header.append(("group_eval_order", .sequence(plan.groupEvalOrder.map(YAMLValue.string))))
    }
    out += YAMLEmitter.emit(.mapping(header))
    out += "tests:\n"
    for group in plan.groups {
        out += "\n"
        for line in commentLines(group.comment) { out += wrapComment(line) }
        let writer = YAMLWriter()
        writer.sequence { writeGroup(group, to: writer) }
        out += writer.finish()
    }
    return out
}

private func writeGroup(_ group: RuleTestGroupPlan, to writer: YAMLWriter) {
    // Alerts with templated annotations are checked through the ALERTS series instead.
    let throughSeries = group.alertChecks.filter { check in check.expected.contains { $0.annotations == nil } }
    let alertTests = group.alertChecks.filter { check in !check.expected.contains { $0.annotations == nil } }
    let exprTests = group.exprChecks + throughSeries.map(alertsSeriesCheck)
    writer.mapping {
        writer.pair("interval", group.interval.description)
        writer.sequence("input_series", group.inputSeries) { input in
            writer.mapping {
                writer.pair("series", input.series)
                writer.pair("values", input.values)
            }
        }
        if !alertTests.isEmpty { writer.sequence("alert_rule_test", alertTests) { writeAlertCheck($0, to: writer) } }
        if !exprTests.isEmpty { writer.sequence("promql_expr_test", exprTests) { writeExprCheck($0, to: writer) } }
    }
}

private func writeAlertCheck(_ check: AlertCheckPlan, to writer: YAMLWriter) {
    writer.mapping {
        writer.pair("eval_time", check.evalTime.description)
        writer.pair("alertname", check.alertName)
        writer.sequence("exp_alerts", check.expected) { alert in
            writer.mapping {
                writer.sorted("exp_labels", alert.labels)
                writer.sorted("exp_annotations", alert.annotations ?? [:])
            }
        }
    }
}

private func writeExprCheck(_ check: ExprCheckPlan, to writer: YAMLWriter) {
    writer.mapping {
        writer.pair("expr", check.expr)
        writer.pair("eval_time", check.evalTime.description)
        writer.sequence("exp_samples", check.samples) { sample in
            writer.mapping {
                writer.pair("labels", sample.labels)
                writer.string("value")
                writer.number(sample.value)
            }
        }
    }
}

/// Alerts whose annotations are templates are checked through the `ALERTS` series, which carries
/// every label but no annotation.
private func alertsSeriesCheck(_ check: AlertCheckPlan) -> ExprCheckPlan {
    let selector = "ALERTS{alertname=\(PromQLPrinter.quote(check.alertName)),alertstate=\"firing\"}"
    let samples = check.expected.map { alert in
        var labels = alert.labels
        labels["alertname"] = check.alertName
        labels["alertstate"] = "firing"
        return (labels: FireTestPlanner.render("ALERTS", labels), value: 1.0)
    }
    return ExprCheckPlan(expr: selector, evalTime: check.evalTime, samples: samples)
}

/// The non-empty lines of a comment: split at `\n` Characters, as `split(separator: "\n")` does,
/// but on the UTF-8 bytes (a `\n` byte is its own Character unless a `\r` comes before it).
/// Merged test groups carry long comments, and walking their Characters was a tenth of the work.
func commentLines(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    var lines: [String] = []
    var start = 0
    for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
        guard index == 0 || bytes[index - 1] != UInt8(ascii: "\r") else { continue }
        if index > start { lines.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
        start = index + 1
    }
    if bytes.count > start { lines.append(String(decoding: bytes[start...], as: UTF8.self)) }
    return lines
}

/// `# ` lines of at most ~100 characters (Characters, as a reader counts them).
///
/// Works on UTF-8 bytes: a test file holds thousands of comment lines, and splitting and counting
/// Characters costs many times more. Words split at space bytes and a word of plain ASCII bytes
/// (no `\r`) is as many Characters as bytes; only a space that forms one Character with its
/// neighbour (a combining mark after it, a prepended mark before it) needs the Character-level split.
func wrapComment(_ text: String) -> String {
    let bytes = Array(text.utf8)
    for index in bytes.indices where bytes[index] == UInt8(ascii: " ") {
        if index + 1 < bytes.count, bytes[index + 1] >= 0x80 {
            // The space and the scalar after it (its length from the lead byte).
            let lead = bytes[index + 1]
            let end = min(bytes.count, index + 1 + (lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2))
            if String(decoding: bytes[index..<end], as: UTF8.self).count == 1 { return wrapCommentByCharacters(text) }
        }
        if index > 0, bytes[index - 1] >= 0x80 {
            var start = index - 1
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            if String(decoding: bytes[start...index], as: UTF8.self).count == 1 { return wrapCommentByCharacters(text) }
        }
    }
    var out: [UInt8] = [UInt8(ascii: "#")]
    out.reserveCapacity(bytes.count + bytes.count / 50 + 4)
    var length = 1
    for word in bytes.split(separator: UInt8(ascii: " ")) {
        let simple = word.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") }
        let wordLength = simple ? word.count : String(decoding: word, as: UTF8.self).count
        if length + wordLength + 1 > 100, length > 1 {
            out += [UInt8(ascii: "\n"), UInt8(ascii: "#")]
            length = 1
        }
        out.append(UInt8(ascii: " "))
        out += word
        length += wordLength + 1
    }
    out.append(UInt8(ascii: "\n"))
    return String(decoding: out, as: UTF8.self)
}

private func wrapCommentByCharacters(_ text: String) -> String {
    var out = ""
    var line = "#"
    for word in text.split(separator: " ") {
        if line.count + word.count + 1 > 100, line != "#" {
            out += line + "\n"
            line = "#"
        }
        line += " " + word
    }
    return out + line + "\n"
}
