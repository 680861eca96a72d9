/// The readable report of one service as a document outline: a summary table, then per SLO its
/// budget, burn rates, alert pairs, charts and (calendar periods) the previous period, then the SLA.
func planServiceReport(_ service: ServiceReport, run: ReportRun) -> DocumentOutline {
    var blocks: [DocumentBlock] = []
    var intro: [DocumentInline] = ["Measured at \(UTCTime.readable(run.at)) from ", .code(run.prometheus), "."]
    if let description = service.description { intro = [.text(description + " ")] + intro }
    blocks.append(.paragraph(intro))
    blocks.append(
        .paragraph([
            "Specs: ", .code(service.file),
            ". Budgets are shares of the events measured; a period with samples over less than \(Readable.percent(run.minCoverage)) of it is not judged (insufficient data).",
        ]))
    blocks.append(
        .table(
            header: ["SLO", "Objective", "Period", "SLI", "Budget left", "Burn (1h)", "Coverage", "Status"],
            rows: service.slos.map { slo in
                [
                    [.text(ReportText.title(slo))], [.text(ReportText.objective(slo.objectivePercent))],
                    [.text(ReportText.periodName(slo.period))], [.text(ReportText.sli(slo.period.sli))],
                    [.text(ReportText.share(slo.period.remaining))], [.text(ReportText.burn(slo.currentBurn))],
                    [.text(ReportText.coverageShare(slo))], [.strong(slo.status.rawValue)],
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
    var facts: [[[DocumentInline]]] = [[["Status"], [.strong(slo.status.rawValue)]]]
    if let problem = slo.problem { facts.append([["Problem"], [.text(problem)]]) }
    facts += [
        [
            ["Objective"],
            [.text("\(ReportText.objective(slo.objectivePercent)) over \(ReportText.periodName(period))")],
        ],
        [["Period"], [.text(ReportText.spanText(period.span))]],
    ]
    guard slo.problem == nil else {
        blocks.append(.table(header: nil, rows: facts))
        return blocks
    }
    facts.append([["Measured over"], [.text(ReportText.coverage(period, minCoverage: run.minCoverage))]])
    facts.append([["SLI"], [.text(ReportText.sli(period.sli))]])
    facts += countRows(slo, period)
    facts.append([["Budget spent"], [.text(ReportText.spent(slo, period))]])
    facts.append([["Budget left"], [.text(ReportText.left(period))]])
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
            [["Period"], [.text(ReportText.spanText(previous.span))]],
            [["Measured over"], [.text(ReportText.coverage(previous, minCoverage: run.minCoverage))]],
            [["SLI"], [.text(ReportText.sli(previous.sli))]],
        ]
        rows += countRows(slo, previous)
        rows.append([["Budget spent"], [.text(ReportText.spent(slo, previous))]])
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
        [
            [.text("Budget in \(unit)")],
            [.text("\(ReportText.count(budget)) (\(DurationText.percent(slo.errorBudget)) of the \(unit) measured)")],
        ],
    ]
}

private func slaBlocks(_ sla: SLAReport) -> [DocumentBlock] {
    func row(
        _ commitment: SLAReport.Commitment, _ name: String, _ span: ReportSpan, _ achievement: SLAReport.Achievement
    )
        -> [[DocumentInline]]
    {
        let verdict: DocumentInline =
            switch achievement.verdict {
            case .met, .noData: .text(achievement.verdict.rawValue)
            case .missed, .insufficientData, .misconfigured: .strong(achievement.verdict.rawValue)
            }
        return [
            [.text(commitment.slo)], [.text(ReportText.objective(commitment.committedPercent))],
            [.text("\(name) (\(ReportText.spanText(span)))")],
            [.text(ReportText.sli(achievement.achievedPercent.map { $0 / 100 }))], [verdict],
            [.text(achievement.creditPercent.map { NumberFormat.clean($0) + "%" } ?? "—")],
            [
                .text(
                    "\(Readable.duration(seconds: Double(achievement.coverage.seconds))) (\(Readable.percent(achievement.coverage.share)))"
                )
            ],
        ]
    }
    return [
        .heading(level: 2, "SLA: \(sla.title)"),
        .paragraph([
            .text(
                "This \(sla.period) so far and the previous \(sla.period). Achieved levels are over the events measured; a period measured over too little of it gets no verdict and no credit. Credits are a share of the fee for the period."
            )
        ]),
        .table(
            header: ["SLO", "Committed", "Period", "Achieved", "Verdict", "Credit", "Measured over"],
            rows: sla.commitments.flatMap { commitment in
                [
                    row(commitment, "this \(sla.period)", sla.current, commitment.current),
                    row(commitment, "previous \(sla.period)", sla.previous, commitment.previous),
                ]
            }),
    ]
}

/// How reports print their numbers: at the precision a person reads (`Readable`), except SLIs,
/// whose nines need four decimals of a percent.
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
        return Readable.percent(ratio)
    }

    static func burn(_ rate: Double?) -> String {
        guard let rate, rate.isFinite else { return "no data" }
        return Readable.factor(rate) + "×"
    }

    static func count(_ value: Double) -> String { Readable.count(value) }

    static func minutes(_ value: Double) -> String {
        (value < 0 ? "−" : "") + Readable.duration(seconds: abs(value) * 60)
    }

    static func periodName(_ period: PeriodMeasure) -> String {
        period.calendar ? "the calendar \(period.name)" : "a rolling \(period.name)"
    }

    static func spanText(_ span: ReportSpan) -> String {
        "\(UTCTime.readable(span.start)) to \(UTCTime.readable(span.end))"
    }

    /// "30-day" for a window of whole days, "12-hour" for hours, else minutes.
    static func lengthAdjective(_ seconds: Int64) -> String {
        seconds % 86_400 == 0
            ? "\(seconds / 86_400)-day" : seconds % 3600 == 0 ? "\(seconds / 3600)-hour" : "\(seconds / 60)-minute"
    }

    /// "6 h 12 min of the 28-day window (0.9%)"; calendar periods so far and previous periods name
    /// themselves; below the threshold it says the numbers are not judged.
    static func coverage(_ period: PeriodMeasure, minCoverage: Double) -> String {
        let whole =
            !period.calendar
            ? "the \(lengthAdjective(period.span.seconds)) window"
            : period.span.seconds < period.lengthSeconds
                ? "the \(period.name) so far (\(Readable.duration(seconds: Double(period.span.seconds))))"
                : "the whole \(period.name)"
        let covered =
            period.coverage.seconds == 0
            ? "no samples in \(whole)"
            : "\(Readable.duration(seconds: Double(period.coverage.seconds))) of \(whole) (\(Readable.percent(period.coverage.share)))"
        guard !period.sufficient, period.sli != nil else { return covered }
        return "\(covered): under the \(Readable.percent(minCoverage)) needed to judge it"
    }

    static func coverageShare(_ slo: SLOReport) -> String {
        slo.problem != nil ? "—" : Readable.percent(slo.period.coverage.share)
    }

    static func spent(_ slo: SLOReport, _ period: PeriodMeasure) -> String {
        guard let consumed = period.consumed else { return "no data" }
        let basis = slo.unit == .ratio ? "the error ratio measured" : "the \(slo.unit.rawValue) measured"
        var text = "\(Readable.percent(consumed)) of the budget for \(basis)"
        if let spentMinutes = period.consumedMinutes {
            text +=
                " (\(minutes(spentMinutes)) of the \(minutes(period.budgetMinutes)) of full outage the period allows)"
        }
        return text
    }

    static func left(_ period: PeriodMeasure) -> String {
        guard let remaining = period.remaining else { return "no data" }
        guard let leftMinutes = period.remainingMinutes else { return share(remaining) }
        return "\(share(remaining)) (\(minutes(leftMinutes)))"
    }

    static func exhaustion(_ slo: SLOReport) -> String {
        switch slo.status {
        case .noData: return "no data"
        case .misconfigured: return "not measured"
        case .insufficientData: return "not projected: too little of the period has samples"
        default: break
        }
        if let remaining = slo.period.remaining, remaining <= 0 { return "the budget is spent" }
        guard let exhaustion = slo.exhaustion else { return "not at the current burn (nothing bad in the last hour)" }
        let when = "\(UTCTime.readable(exhaustion.at)), in \(Readable.duration(seconds: exhaustion.inSeconds))"
        if exhaustion.beforePeriodEnds == false { return "\(when): after the period ends, so not this period" }
        return "\(when), at the last hour's burn rate"
    }
}
