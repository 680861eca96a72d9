import ArgumentParser
import SLOKit

/// The default SLO window (`--window`), over the project config's `window`.
struct ImportOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "SLO window of specs that set none: native specs, Sloth specs (Sloth's --default-slo-period) and OpenSLO v1alpha SLOs (default: the project config's `window`, else 30d).",
            valueName: "duration"))
    var window: String?

    func validate() throws {
        guard let window else { return }
        guard let duration = DurationValue(parsing: window), duration >= .hours(1), duration <= .days(400),
            duration.milliseconds % 60_000 == 0
        else {
            throw ValidationError(
                "--window must be whole minutes between 1h and 400d, e.g. 30d or 28d; got `\(window)`")
        }
    }

    /// The config with `--window` applied (the flag wins).
    func apply(to config: inout ProjectConfig) {
        if let window, let duration = DurationValue(parsing: window) { config.window = duration }
    }
}
