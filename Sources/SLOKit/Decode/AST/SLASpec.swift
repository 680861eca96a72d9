/// The customer-facing agreement: looser commitments measured by the SLOs above it.
struct SLASpec: Sendable {
    var range: SourceRange
    var title: Located<String>
    var revision: Located<String>?
    var provider: Located<String>?
    var customer: Located<String>?
    var scope: Located<String>?
    var period: Located<CalendarPeriod>?
    var commitments: [SLACommitmentSpec]
    var credits: [SLACreditSpec]
    var exclusions: [Located<String>]
    var claims: Located<String>?
    /// Whether `credits` / `exclusions` were written at all (entries may have had errors).
    var hasCreditsKey = false
    var hasExclusionsKey = false
}

struct SLACommitmentSpec: Sendable {
    var range: SourceRange
    var slo: Located<String>
    var objective: Located<Double>
    /// What is measured, in the customer's words; the SLA document words the SLI itself otherwise.
    var description: Located<String>?
}

/// "Below `below` percent achieved, `credit` percent of the monthly fee is credited."
struct SLACreditSpec: Sendable {
    var range: SourceRange
    var below: Located<Double>
    var credit: Located<Double>
}
