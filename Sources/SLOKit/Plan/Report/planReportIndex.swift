/// The run's index as a document: every SLO's status, linking to the service reports.
func planReportIndex(_ run: ReportRun, extension fileExtension: String) -> DocumentOutline {
    var rows: [[[DocumentInline]]] = []
    for service in run.services {
        for slo in service.slos {
            rows.append([
                [.link(text: service.name, url: "\(service.name).\(fileExtension)")], [.text(ReportText.title(slo))],
                [.text(ReportText.sli(slo.period.sli))], [.text(ReportText.share(slo.period.remaining))],
                [.text(ReportText.burn(slo.currentBurn))], [.strong(slo.status.rawValue)],
            ])
        }
    }
    return DocumentOutline(
        title: "Error budget reports",
        blocks: [
            .paragraph(["Measured at \(UTCTime.readable(run.at)) from ", .code(run.prometheus), "."]),
            .table(header: ["Service", "SLO", "SLI", "Budget left", "Burn (1h)", "Status"], rows: rows),
        ])
}
