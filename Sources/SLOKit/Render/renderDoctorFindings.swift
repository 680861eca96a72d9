/// `slo doctor`'s checklist as text: one block per SLO, a line per check, the fix under each
/// problem, and a verdict last.
func renderDoctorText(_ findings: DoctorFindings) -> String {
    var out = "Prometheus \(findings.prometheus)"
    if let alertmanager = findings.alertmanager { out += ", Alertmanager \(alertmanager)" }
    out += "\n"
    func line(_ check: DoctorCheck) {
        let mark =
            switch check.status {
            case .ok: "ok     "
            case .note: "note   "
            case .problem: "PROBLEM"
            }
        out += "  \(mark) \(check.check): \(check.detail)\n"
        if check.status != .ok, let fix = check.fix { out += "          fix: \(fix)\n" }
    }
    for slo in findings.slos {
        out += "\n\(slo.service) / \(slo.slo) (\(slo.file))\n"
        slo.checks.forEach(line)
    }
    if !findings.general.isEmpty {
        out += "\nother rule groups\n"
        findings.general.forEach(line)
    }
    let problems =
        findings.slos.reduce(0) { $0 + $1.checks.filter { $0.status == .problem }.count }
        + findings.general.filter { $0.status == .problem }.count
    let sick = findings.slos.filter(\.hasProblems).count
    out +=
        problems == 0
        ? "\nhealthy: \(findings.slos.count) SLOs checked, no problems\n"
        : "\n\(problems) problem\(problems == 1 ? "" : "s") in \(sick) of \(findings.slos.count) SLOs\(findings.general.isEmpty ? "" : " and the other rule groups")\n"
    return out
}

/// The same findings as JSON (`--format json`), for CI and cron jobs.
func renderDoctorJSON(_ findings: DoctorFindings) -> String {
    func check(_ check: DoctorCheck) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("check", .string(check.check)), ("status", .string(check.status.rawValue)),
            ("detail", .string(check.detail)),
        ]
        if let fix = check.fix, check.status != .ok { members.append(("fix", .string(fix))) }
        return .object(members)
    }
    var members: [(String, JSONValue)] = [
        ("healthy", .bool(!findings.hasProblems)), ("prometheus", .string(findings.prometheus)),
    ]
    if let alertmanager = findings.alertmanager { members.append(("alertmanager", .string(alertmanager))) }
    members.append(
        (
            "slos",
            .array(
                findings.slos.map { slo in
                    .object([
                        ("service", .string(slo.service)), ("slo", .string(slo.slo)), ("file", .string(slo.file)),
                        ("healthy", .bool(!slo.hasProblems)), ("checks", .array(slo.checks.map(check))),
                    ])
                })
        ))
    members.append(("other", .array(findings.general.map(check))))
    return JSONValue.object(members).serialized(indent: 2) + "\n"
}
