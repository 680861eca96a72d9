/// `rules.test.yml`: promtool unit tests for the rules in `rules.yml`, one commented entry per scenario.
///
/// libyaml's emitter writes no comments, so each entry is emitted on its own and the comment lines
/// are placed above it; the result is one valid YAML document.
func renderRuleTests(_ plan: RuleTestFilePlan, source: String, notes: [String]) -> String {
    var out = generatedHeader(source: source)
    out += "# Run with: promtool test rules rules.test.yml\n"
    for note in notes { out += wrapComment(note) }
    out += YAMLEmitter.emit(
        .mapping([
            ("rule_files", .sequence([.string(plan.ruleFile)])),
            ("evaluation_interval", .string(FireTestPlanner.evaluation.description)),
        ]))
    out += "tests:\n"
    for group in plan.groups {
        out += "\n" + group.comment.split(separator: "\n").map { wrapComment(String($0)) }.joined()
        out += YAMLEmitter.emit(.sequence([groupValue(group)]))
    }
    return out
}

private func groupValue(_ group: RuleTestGroupPlan) -> YAMLValue {
    var pairs: [(String, YAMLValue)] = [
        ("interval", .string(group.interval.description)),
        (
            "input_series",
            .sequence(
                group.inputSeries.map { .mapping([("series", .string($0.series)), ("values", .string($0.values))]) })
        ),
    ]
    var alertTests: [YAMLValue] = []
    var exprTests: [YAMLValue] = group.exprChecks.map(exprValue)
    for check in group.alertChecks {
        if check.expected.contains(where: { $0.annotations == nil }) {
            exprTests.append(exprValue(alertsSeriesCheck(check)))
            continue
        }
        alertTests.append(
            .mapping([
                ("eval_time", .string(check.evalTime.description)),
                ("alertname", .string(check.alertName)),
                (
                    "exp_alerts",
                    .sequence(
                        check.expected.map {
                            .mapping([
                                ("exp_labels", .sorted($0.labels)), ("exp_annotations", .sorted($0.annotations ?? [:])),
                            ])
                        })
                ),
            ]))
    }
    if !alertTests.isEmpty { pairs.append(("alert_rule_test", .sequence(alertTests))) }
    if !exprTests.isEmpty { pairs.append(("promql_expr_test", .sequence(exprTests))) }
    return .mapping(pairs)
}

private func exprValue(_ check: ExprCheckPlan) -> YAMLValue {
    .mapping([
        ("expr", .string(check.expr)),
        ("eval_time", .string(check.evalTime.description)),
        (
            "exp_samples",
            .sequence(
                check.samples.map {
                    .mapping([("labels", .string($0.labels)), ("value", .number($0.value))])
                })
        ),
    ])
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

/// `# ` lines of at most ~100 characters.
func wrapComment(_ text: String) -> String {
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
