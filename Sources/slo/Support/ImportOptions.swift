import ArgumentParser
import SLOKit

/// Options for specs written in other tools' formats (Sloth, OpenSLO).
struct ImportOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "SLO window of Sloth specs and OpenSLO v1alpha SLOs without a time window (Sloth's --default-slo-period).",
            valueName: "duration"))
    var window = "30d"

    func validate() throws {
        guard let duration = DurationValue(parsing: window), duration >= .hours(1), duration <= .days(400),
            duration.milliseconds % 60_000 == 0
        else {
            throw ValidationError(
                "--window must be whole minutes between 1h and 400d, e.g. 30d or 28d; got `\(window)`")
        }
    }

    /// A front end whose imported specs default to this window.
    var frontEnd: SpecFrontEnd {
        var frontEnd = SpecFrontEnd()
        if let duration = DurationValue(parsing: window) { frontEnd.specLimits.defaultImportWindow = duration }
        return frontEnd
    }
}
