/// One line of `slo doctor`'s checklist: what was checked, what was found, and the fix.
struct DoctorCheck: Sendable, Hashable {
    enum Status: String, Sendable, Hashable {
        case ok
        /// Worth a look, but not proof of a fault (an errors selector with no series: nothing failed yet).
        case note
        case problem
    }

    /// The check's short name: `sli-data`, `latency-bucket`, `timeslice-query`, `rules-loaded`,
    /// `rule-health`, `recordings`, `alert-routing`.
    var check: String
    var status: Status
    var detail: String
    /// What to do, for a problem or a note.
    var fix: String?
}

/// The checklist of one SLO.
struct DoctorSLOChecks: Sendable, Hashable {
    var service: String
    var slo: String
    var file: String
    var checks: [DoctorCheck]

    var hasProblems: Bool { checks.contains { $0.status == .problem } }
}

/// Everything `slo doctor` found: per SLO, plus what belongs to no compiled SLO.
struct DoctorFindings: Sendable, Hashable {
    var prometheus: String
    var alertmanager: String?
    var slos: [DoctorSLOChecks]
    /// Problems of the deployment as a whole: rule groups Prometheus runs that no spec compiles to.
    var general: [DoctorCheck]

    var hasProblems: Bool { slos.contains(where: \.hasProblems) || general.contains { $0.status == .problem } }
}
