/// The customer-facing agreement: looser commitments measured by the SLOs above it.
public struct SLASpec: Sendable {
    public var range: SourceRange
    public var title: Located<String>
    public var revision: Located<String>?
    public var provider: Located<String>?
    public var customer: Located<String>?
    public var scope: Located<String>?
    public var period: Located<CalendarPeriod>?
    public var commitments: [SLACommitmentSpec]
    public var credits: [SLACreditSpec]
    public var exclusions: [Located<String>]
    public var claims: Located<String>?
    /// Whether `credits` / `exclusions` were written at all (entries may have had errors).
    public var hasCreditsKey = false
    public var hasExclusionsKey = false
}

public struct SLACommitmentSpec: Sendable {
    public var range: SourceRange
    public var slo: Located<String>
    public var objective: Located<Double>
}

/// "Below `below` percent achieved, `credit` percent of the monthly fee is credited."
public struct SLACreditSpec: Sendable {
    public var range: SourceRange
    public var below: Located<Double>
    public var credit: Located<Double>
}
