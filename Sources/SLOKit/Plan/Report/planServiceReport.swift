/// The readable report of one service as a document outline: a summary table, then per SLO its
/// budget, burn rates, alert pairs, charts and (calendar periods) the previous period, then the SLA.
func planServiceReport(_ service: ServiceReport, run: ReportRun) -> DocumentOutline {
    var blocks: [DocumentBlock] = []
    var intro: [DocumentInline] = ["Measured at \(UTCTime.readable(run.at)) from ", .code(run.prometheus), "."]
    if let description = service.description { intro = [.text(description + " ")] + intro }
    blocks.append(.paragraph(intro))
    blocks.append(.paragraph(["Specs: ", .code(service.file), "."]))
    blocks.append(
        .table(
            header: ["SLO", "Objective", "Period", "SLI", "Budget left", "Burn (1h)", "Status"],
            rows: service.slos.map { slo in
                [
                    [.text(ReportText.title(slo))], [.text(ReportText.objective(slo.objectivePercent))],
                    [.text(ReportText.periodName(slo.period))], [.text(ReportText.sli(slo.period.sli))],
                    [.text(ReportText.share(slo.period.remaining))], [.text(ReportText.burn(slo.currentBurn))],
                    [.strong(slo.status.rawValue)],
                ]
            }))
    for slo in service.slos { blocks += sloBlocks(slo, run: run) }
    if let sla = service.sla { blocks += slaBlocks(sla) }
    return DocumentOutline(title: "\(service.name): error budget report", blocks: blocks)
}

private func sloBlocks(_ slo: SLOReport, run: ReportRun) -> [DocumentBlock] {
    var blocks: [DocumentBlock] = [.heading(level: 2, ReportText.title(slo))]
    if let description = slo.description { blocks.append(.paragraph([.text(description)])) }
    let period = slo.period
    var facts: [[[DocumentInline]]] = [
        [["Status"], [.strong(slo.status.rawValue)]],
        [
            ["Objective"],
            [.text("\(ReportText.objective(slo.objectivePercent)) over \(ReportText.periodName(period))")],
        ],
        [["Measured"], [.text(ReportText.spanText(period.span))]],
        [["SLI"], [.text(ReportText.sli(period.sli))]],
    ]
    facts += countRows(slo, period)
    facts.append([
        ["Budget spent"],
        [
            .text(
                period.consumed == nil
                    ? "no data"
                    : "\(ReportText.share(period.consumed)) (\(ReportText.minutes(period.consumedMinutes)) of \(ReportText.minutes(period.budgetMinutes)))"
            )
        ],
    ])
    facts.append([
        ["Budget left"],
        [
            .text(
                period.remaining == nil
                    ? "no data"
                    : "\(ReportText.share(period.remaining)) (\(ReportText.minutes(period.remainingMinutes)))")
        ],
    ])
    facts.append([["Exhaustion"], [.text(ReportText.exhaustion(slo))]])
    blocks.append(.table(header: nil, rows: facts))
    blocks.append(
        .table(
            header: slo.burnRates.map { $0.window == "window" ? "Burn (\(period.name))" : "Burn (\($0.window))" },
            rows: [slo.burnRates.map { [.text(ReportText.burn($0.rate))] }]))
    if !slo.alerts.isEmpty {
        blocks.append(
            .table(
                header: ["Alert", "Severity", "Windows", "Threshold", "Short burn", "Long burn", "Now"],
                rows: slo.alerts.map { alert in
                    [
                        [.code(alert.alertName)], [.text(alert.severity)], [.text("\(alert.short) and \(alert.long)")],
                        [.text(ReportText.burn(alert.factor))], [.text(ReportText.burn(alert.shortBurn))],
                        [.text(ReportText.burn(alert.longBurn))], [alert.firing ? .strong("firing") : .text("quiet")],
                    ]
                }))
    }
    let axisEnd = period.calendar ? period.span.start + period.lengthSeconds : period.span.end
    if !slo.chart.remaining.isEmpty {
        blocks.append(
            .chart(
                DocumentChart(
                    title: "Budget left over the \(period.calendar ? period.name : "\(period.name) window")",
                    format: .percent, start: period.span.start, end: axisEnd,
                    points: slo.chart.remaining.map { .init(time: $0.time, value: $0.value) },
                    references: [.init(value: 0, label: "empty")])))
    }
    if !slo.chart.burn.isEmpty {
        blocks.append(
            .chart(
                DocumentChart(
                    title:
                        "Burn rate per \(DurationText.words(DurationValue(milliseconds: slo.chart.stepSeconds * 1000)))",
                    format: .factor, start: period.span.start, end: axisEnd,
                    points: slo.chart.burn.map { .init(time: $0.time, value: $0.value) },
                    references: [.init(value: 1, label: "sustainable")])))
    }
    if let previous = slo.previous {
        blocks.append(.heading(level: 3, "Previous \(previous.name)"))
        var rows: [[[DocumentInline]]] = [
            [["Measured"], [.text(ReportText.spanText(previous.span))]],
            [["SLI"], [.text(ReportText.sli(previous.sli))]],
        ]
        rows += countRows(slo, previous)
        rows.append([["Budget spent"], [.text(ReportText.share(previous.consumed))]])
        rows.append([["Status"], [.strong(previous.status.rawValue)]])
        blocks.append(.table(header: nil, rows: rows))
    }
    return blocks
}

private func countRows(_ slo: SLOReport, _ period: PeriodMeasure) -> [[[DocumentInline]]] {
    guard let total = period.total, let bad = period.bad, let budget = period.budgetUnits else { return [] }
    let unit = slo.unit == .slices ? "slices" : "events"
    return [
        [[.text("Bad / all \(unit)")], [.text("\(ReportText.count(bad)) / \(ReportText.count(total))")]],
        [[.text("Budget in \(unit)")], [.text(ReportText.count(budget))]],
    ]
}

private func slaBlocks(_ sla: SLAReport) -> [DocumentBlock] {
    func cells(_ achievement: SLAReport.Achievement) -> [[DocumentInline]] {
        [
            [.text(ReportText.sli(achievement.achievedPercent.map { $0 / 100 }))],
            [achievement.met.map { $0 ? .text("met") : .strong("missed") } ?? .text("—")],
            [.text(achievement.creditPercent.map { NumberFormat.clean($0) + "%" } ?? "—")],
        ]
    }
    return [
        .heading(level: 2, "SLA: \(sla.title)"),
        .paragraph([
            .text(
                "This \(sla.period) so far (\(ReportText.spanText(sla.current))) and the previous \(sla.period) (\(ReportText.spanText(sla.previous))). Credits are a share of the fee for the period."
            )
        ]),
        .table(
            header: [
                "SLO", "Committed", "This \(sla.period)", "", "Credit", "Previous \(sla.period)", "", "Credit",
            ],
            rows: sla.commitments.map { commitment in
                [[.text(commitment.slo)], [.text(ReportText.objective(commitment.committedPercent))]]
                    + cells(commitment.current) + cells(commitment.previous)
            }),
    ]
}

/// How reports print their numbers.
enum ReportText {
    static func title(_ slo: SLOReport) -> String {
        slo.group.isEmpty ? slo.name : "\(slo.name) {\(slo.group.map { "\($0.0)=\($0.1)" }.joined(separator: ", "))}"
    }

    static func objective(_ percent: Double) -> String { NumberFormat.clean(percent, significantDigits: 8) + "%" }

    /// SLIs to 4 decimals of a percent: 99.9 and 99.95 must read differently.
    static func sli(_ ratio: Double?) -> String {
        guard let ratio else { return "no data" }
        return NumberFormat.clean((ratio * 1_000_000).rounded() / 10_000) + "%"
    }

    static func share(_ ratio: Double?) -> String {
        guard let ratio else { return "no data" }
        return NumberFormat.clean((ratio * 1000).rounded() / 10) + "%"
    }

    static func burn(_ rate: Double?) -> String {
        guard let rate, rate.isFinite else { return "no data" }
        return NumberFormat.clean((rate * 100).rounded() / 100) + "×"
    }

    static func count(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15
            ? Markdown.grouped(Int64(value)) : NumberFormat.clean(value, significantDigits: 6)
    }

    static func minutes(_ value: Double?) -> String {
        guard let value else { return "no data" }
        return (value < 0 ? "−" : "") + DurationText.downtime(seconds: abs(value) * 60)
    }

    static func periodName(_ period: PeriodMeasure) -> String {
        period.calendar ? "the calendar \(period.name)" : "a rolling \(period.name)"
    }

    static func spanText(_ span: ReportSpan) -> String {
        "\(UTCTime.readable(span.start)) to \(UTCTime.readable(span.end))"
    }

    static func exhaustion(_ slo: SLOReport) -> String {
        if slo.status == .noData { return "no data" }
        if let remaining = slo.period.remaining, remaining <= 0 { return "the budget is spent" }
        guard let exhaustion = slo.exhaustion else { return "not at the current burn (nothing bad in the last hour)" }
        let when =
            "\(UTCTime.readable(exhaustion.at)), in \(DurationText.downtime(seconds: exhaustion.inSeconds.rounded()))"
        if exhaustion.beforePeriodEnds == false { return "\(when): after the period ends, so not this period" }
        return "\(when), at the last hour's burn rate"
    }
}
