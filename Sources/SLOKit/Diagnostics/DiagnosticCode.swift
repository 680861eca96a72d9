/// Stable diagnostic codes. Codes never change meaning once released; new ones are appended.
///
/// Ranges: 1xx reading YAML, 2xx spec structure, 3xx values, 4xx references between specs,
/// 5xx PromQL, 6xx SLA, 7xx compilation, 8xx imported formats, 9xx running the tool (input
/// files, the output folder, Prometheus, promtool, the command line): the CLI emits those into
/// the same collector, so `--diagnostics-format json` sees every error.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
    // 1xx: reading the file
    case yamlSyntax = "SLO101"
    case emptyFile = "SLO102"
    case byteOrderMark = "SLO103"
    case crlfLineEnds = "SLO104"
    case tabIndentation = "SLO105"
    case invalidUTF8 = "SLO106"
    case nulByte = "SLO107"
    case nestingTooDeep = "SLO108"
    case aliasExpansionLimit = "SLO109"
    case duplicateKey = "SLO110"
    case fileTooLarge = "SLO111"
    case tooManyDocuments = "SLO112"
    case scalarTooLong = "SLO113"
    case unsupportedTag = "SLO114"
    case complexKey = "SLO115"
    case unknownAlias = "SLO116"
    case unreadableFile = "SLO117"

    // 2xx: structure of a spec
    case missingVersion = "SLO201"
    case unknownVersion = "SLO202"
    case unknownKey = "SLO203"
    case wrongType = "SLO204"
    case missingField = "SLO205"
    case conflictingFields = "SLO206"
    case emptyCollection = "SLO207"
    case tooManyItems = "SLO208"
    /// A project config section that a later version of slo reads (reserved so configs fail clearly).
    case unsupportedSection = "SLO209"

    // 3xx: values
    case objectiveOutOfRange = "SLO301"
    case invalidDuration = "SLO302"
    case invalidWindow = "SLO303"
    case invalidLabelName = "SLO304"
    case reservedLabel = "SLO305"
    case missingWindowPlaceholder = "SLO306"
    case invalidName = "SLO307"
    case invalidPercentage = "SLO308"
    case invalidCondition = "SLO309"
    case invalidAlertName = "SLO310"
    case invalidLabelValue = "SLO311"
    case invalidAnnotationTemplate = "SLO312"
    /// An objective written as a fraction (0.999) where a percentage (99.9) belongs.
    case objectiveAsFraction = "SLO313"
    /// Warning: a latency threshold written as a bare whole number, read as seconds.
    case thresholdWithoutUnit = "SLO314"

    // 4xx: references and uniqueness
    case duplicateSLO = "SLO401"
    case duplicateService = "SLO402"
    case unknownReference = "SLO403"
    /// Two OpenSLO objects of one kind and name (an error for SLOs and SLIs, else a warning).
    case duplicateObject = "SLO404"

    // 5xx: PromQL
    case promqlSyntax = "SLO501"
    case promqlType = "SLO502"
    case sliContradiction = "SLO503"
    case groupByLabelDropped = "SLO504"
    case invalidSelector = "SLO505"
    case invalidHistogramThreshold = "SLO506"
    /// Found live (`slo report`): the latency threshold is no `le` the histogram exposes.
    case histogramBucketMissing = "SLO507"

    // 6xx: SLA
    case slaStricterThanSLO = "SLO601"
    case slaUnknownSLO = "SLO602"
    case slaWithoutCredits = "SLO603"
    case slaWithoutExclusions = "SLO604"
    case slaCreditOrder = "SLO605"

    // 7xx: compilation
    case alertWindowTooShort = "SLO701"

    // 8xx: imported formats (Sloth, OpenSLO)
    case unsupportedPlugin = "SLO801"
    case unsupportedKind = "SLO802"
    case unsupportedFeature = "SLO803"

    // 9xx: running the tool
    case inputNotFound = "SLO901"
    case noSpecFiles = "SLO902"
    case outputNotWritable = "SLO903"
    case outputOutOfDate = "SLO904"
    case prometheusFailed = "SLO905"
    case credentialUnavailable = "SLO906"
    case promtoolNotFound = "SLO907"
    case fireTestsFailed = "SLO908"
    case invalidUsage = "SLO909"
    case ioFailure = "SLO910"
    /// The server answered, with warnings: Thanos and Mimir say so when some store or
    /// ingester did not answer (a partial response), so the numbers may be short.
    case serverWarning = "SLO911"

    /// The codes whose diagnostics may carry a fix-it. A test applies one fix-it of each code
    /// literally and checks the diagnostic goes away; a fix-it on any other code fails an
    /// assertion, so a new suggestion cannot ship untested.
    public static let withFixIts: Set<DiagnosticCode> = [
        .unknownVersion, .unknownKey, .wrongType, .invalidLabelName, .invalidName, .invalidAlertName,
        .objectiveAsFraction, .thresholdWithoutUnit, .unknownReference, .promqlSyntax, .slaUnknownSLO,
        .unsupportedKind, .invalidPercentage,
    ]

    /// A kebab-case name shown in JSON output and documentation beside the code.
    public var name: String {
        var out = ""
        var previous: Character?
        for ch in String(describing: self) {
            // A hyphen where a word starts: `invalidUTF8` → `invalid-utf8`, `duplicateSLO` → `duplicate-slo`.
            if ch.isUppercase, let previous, previous.isLowercase || previous.isNumber { out.append("-") }
            out.append(contentsOf: ch.lowercased())
            previous = ch
        }
        return out
    }
}
