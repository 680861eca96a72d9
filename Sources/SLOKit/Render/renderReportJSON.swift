/// The version of the JSON reports: 2 added the statuses `insufficient data` and
/// `misconfigured` and SLA verdicts without `met` (version 1 consumers would misread them), and
/// coverage throughout.
let reportJSONVersion = 2.0

/// The JSON report of one service, schema `schema/report-v2.schema.json`.
///
/// Ratios are plain numbers (0.999, not 99.9) except objectives and SLA levels, which are percent
/// as written in specs; times are RFC 3339 in UTC with unix seconds in charts; a missing
/// measurement is `null`, never 0, 1 or NaN. Numbers keep full precision: only documents round.
func renderReportJSON(_ service: ServiceReport, run: ReportRun) -> String {
    let object: JSONValue = .object([
        ("version", .number(reportJSONVersion)),
        ("at", .string(UTCTime.format(run.at))),
        ("prometheus", .string(run.prometheus)),
        ("minCoverage", .number(run.minCoverage)),
        (
            "service",
            .object([
                ("name", .string(service.name)), ("description", optional(service.description.map(JSONValue.string))),
                ("file", .string(service.file)),
            ])
        ),
        ("slos", .array(service.slos.map(json))),
        ("sla", optional(service.sla.map(json))),
    ])
    return object.serialized(indent: 2) + "\n"
}

/// The run's index: every service and SLO with its status, pointing at the service files.
func renderReportIndexJSON(_ run: ReportRun) -> String {
    let object: JSONValue = .object([
        ("version", .number(reportJSONVersion)),
        ("at", .string(UTCTime.format(run.at))),
        ("prometheus", .string(run.prometheus)),
        (
            "services",
            .array(
                run.services.map { service in
                    .object([
                        ("name", .string(service.name)), ("report", .string("\(service.name).json")),
                        (
                            "slos",
                            .array(
                                service.slos.map { slo in
                                    .object([
                                        ("name", .string(slo.name)), ("group", group(slo.group)),
                                        ("status", .string(slo.status.rawValue)), ("sli", number(slo.period.sli)),
                                        ("budgetRemaining", number(slo.period.remaining)),
                                        ("coverage", .number(slo.period.coverage.share)),
                                    ])
                                })
                        ),
                    ])
                })
        ),
    ])
    return object.serialized(indent: 2) + "\n"
}

private func optional(_ value: JSONValue?) -> JSONValue { value ?? .null }

private func number(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(value)
}

private func group(_ labels: [(String, String)]) -> JSONValue { .object(labels.map { ($0.0, .string($0.1)) }) }

private func json(_ slo: SLOReport) -> JSONValue {
    .object([
        ("name", .string(slo.name)),
        ("group", group(slo.group)),
        ("description", optional(slo.description.map(JSONValue.string))),
        ("objective", .number(slo.objectivePercent)),
        ("errorBudget", .number(slo.errorBudget)),
        ("unit", .string(slo.unit.rawValue)),
        ("status", .string(slo.status.rawValue)),
        ("problem", optional(slo.problem.map(JSONValue.string))),
        ("period", json(slo.period)),
        ("previousPeriod", optional(slo.previous.map(json))),
        ("burnRates", .object(slo.burnRates.map { ($0.window, number($0.rate)) })),
        ("currentBurnRate", number(slo.currentBurn)),
        (
            "exhaustion",
            optional(
                slo.exhaustion.map { exhaustion in
                    .object([
                        ("at", .string(UTCTime.format(exhaustion.at))), ("inSeconds", .number(exhaustion.inSeconds)),
                        ("beforePeriodEnds", optional(exhaustion.beforePeriodEnds.map(JSONValue.bool))),
                    ])
                })
        ),
        (
            "alerts",
            .array(
                slo.alerts.map { alert in
                    .object([
                        ("alertname", .string(alert.alertName)), ("severity", .string(alert.severity)),
                        ("shortWindow", .string(alert.short)), ("longWindow", .string(alert.long)),
                        ("factor", .number(alert.factor)), ("shortBurnRate", number(alert.shortBurn)),
                        ("longBurnRate", number(alert.longBurn)), ("firing", .bool(alert.firing)),
                    ])
                })
        ),
        (
            "chart",
            .object([
                ("stepSeconds", .number(Double(slo.chart.stepSeconds))),
                (
                    "budgetRemaining",
                    .array(slo.chart.remaining.map { .array([.number(Double($0.time)), number($0.value)]) })
                ),
                ("burnRate", .array(slo.chart.burn.map { .array([.number(Double($0.time)), number($0.value)]) })),
            ])
        ),
    ])
}

private func json(_ period: PeriodMeasure) -> JSONValue {
    .object([
        ("name", .string(period.name)),
        ("calendar", .bool(period.calendar)),
        ("start", .string(UTCTime.format(period.span.start))),
        ("end", .string(UTCTime.format(period.span.end))),
        ("lengthSeconds", .number(Double(period.lengthSeconds))),
        ("sli", number(period.sli)),
        ("total", number(period.total)),
        ("good", number(period.good)),
        ("bad", number(period.bad)),
        (
            "budget",
            .object([
                ("units", number(period.budgetUnits)), ("minutes", number(period.budgetMinutes)),
                ("consumed", number(period.consumed)), ("remaining", number(period.remaining)),
                ("consumedMinutes", number(period.consumedMinutes)),
                ("remainingMinutes", number(period.remainingMinutes)),
            ])
        ),
        ("coverage", json(period.coverage)),
        ("status", .string(period.status.rawValue)),
    ])
}

private func json(_ coverage: Coverage) -> JSONValue {
    .object([("seconds", .number(Double(coverage.seconds))), ("share", .number(coverage.share))])
}

private func json(_ sla: SLAReport) -> JSONValue {
    func achievement(_ value: SLAReport.Achievement) -> JSONValue {
        .object([
            ("achieved", number(value.achievedPercent)), ("met", optional(value.met.map(JSONValue.bool))),
            ("credit", number(value.creditPercent)), ("verdict", .string(value.verdict.rawValue)),
            ("coverage", json(value.coverage)),
        ])
    }
    return .object([
        ("title", .string(sla.title)),
        ("period", .string(sla.period)),
        (
            "current",
            .object([
                ("start", .string(UTCTime.format(sla.current.start))),
                ("end", .string(UTCTime.format(sla.current.end))),
            ])
        ),
        (
            "previous",
            .object([
                ("start", .string(UTCTime.format(sla.previous.start))),
                ("end", .string(UTCTime.format(sla.previous.end))),
            ])
        ),
        (
            "commitments",
            .array(
                sla.commitments.map { commitment in
                    .object([
                        ("slo", .string(commitment.slo)), ("committed", .number(commitment.committedPercent)),
                        ("current", achievement(commitment.current)), ("previous", achievement(commitment.previous)),
                    ])
                })
        ),
    ])
}
