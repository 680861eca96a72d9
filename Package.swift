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
        /// What the test targets share: fixture and anchor paths, child processes measured and
        /// waited for off the cooperative pool, promtool. Public SLOKit API only, so that it builds
        /// in every configuration.
        .target(name: "TestSupport", dependencies: ["SLOKit"], path: "Tests/TestSupport"),
        /// The fast tier: unit, snippet, fixture and golden tests, in process, no external tools.
        /// Fixtures are read from disk by path (not bundled), so the golden files stay plain files.
        .testTarget(
            name: "SLOKitTests", dependencies: ["SLOKit", "TestSupport"], exclude: ["Fixtures", "PromQL/corpus.promql"]
        ),
        /// Integration tier: the library's output checked by the real promtool.
        .testTarget(name: "IntegrationTests", dependencies: ["SLOKit", "TestSupport"]),
        /// Integration tier: the built `slo` binary (stdout, stderr, exit codes, time and memory),
        /// with a real Prometheus, a fake one and Chromium.
        .testTarget(name: "EndToEndTests", dependencies: ["slo", "TestSupport"], exclude: ["Fixtures"]),
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
