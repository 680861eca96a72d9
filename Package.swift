// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "slo",
    products: [
        .executable(name: "slo", targets: ["slo"]),
        .library(name: "SLOKit", targets: ["SLOKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        /// The system libyaml; only SLOKit's Load and Render stages import it.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        /// Atomic directory exchange (renameat2), which Swift's Glibc module does not expose.
        .target(name: "CSystem"),
        /// libcurl for `slo report`'s HTTP client (TLS, timeouts, size limit); only the CLI links it.
        .target(name: "CHTTP", linkerSettings: [.linkedLibrary("curl")]),
        /// Every stage of the compiler. Never prints, never touches the file system.
        .target(name: "SLOKit", dependencies: ["CYAML"]),
        /// The thin command-line front: reads and writes files, prints diagnostics, picks exit codes.
        .executableTarget(
            name: "slo",
            dependencies: [
                "SLOKit",
                "CSystem",
                "CHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        /// Fixtures are read from disk by path (not bundled), so the golden files stay plain files.
        .testTarget(name: "SLOKitTests", dependencies: ["SLOKit"], exclude: ["Fixtures", "PromQL/corpus.promql"]),
        /// Runs the built `slo` binary and checks stdout, stderr and exit codes.
        .testTarget(name: "EndToEndTests", dependencies: ["slo"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

/// The libFuzzer binary (`scripts/fuzz.sh`), declared only when SLO_FUZZ is set: it calls into
/// libFuzzer, so only the sanitizer build (`-sanitize=fuzzer,address`) can link it, and the normal
/// build and tests never compile it.
if Context.environment["SLO_FUZZ"] != nil {
    package.targets += [
        .target(name: "FuzzDriver", path: "Fuzz/FuzzDriver"),
        .executableTarget(name: "SLOFuzz", dependencies: ["SLOKit", "FuzzDriver"], path: "Fuzz/SLOFuzz"),
    ]
    package.products.append(.executable(name: "SLOFuzz", targets: ["SLOFuzz"]))
}
