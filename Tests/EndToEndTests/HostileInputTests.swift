import Foundation
import Testing

/// Inputs built to hurt a parser: each must end in one error diagnostic, without hanging or
/// blowing up. The limits only catch hangs and explosions: they are ten times the release figures
/// of `bench/hostile.sh` (targets there: 2 s and 200 MB; every input stays far below both), so a
/// debug build on a busy machine stays well inside them.
@Suite struct HostileInputTests {
    /// CPU seconds of the child: 10× the 2 s target, and immune to how busy the machine is.
    static let cpuLimit = 20.0
    /// Wall seconds: only catches a child that hangs without using CPU.
    static let hangLimit = 120.0
    static let memoryLimitMB = 500.0

    static func expectBoundedFailure(_ bytes: [UInt8], code: String, sourceLocation: SourceLocation = #_sourceLocation)
        async throws
    {
        let folder = try TemporaryFolder()
        let path = try folder.write("hostile.yaml", bytes: bytes)
        let outcome = try await SLOProcess.run(["validate", path])
        #expect(outcome.status == 1, sourceLocation: sourceLocation)
        #expect(outcome.stderr.contains("[\(code)]"), "\(outcome.stderr.prefix(300))", sourceLocation: sourceLocation)
        #expect(
            (outcome.cpuSeconds ?? .infinity) < cpuLimit, "used \(outcome.cpuSeconds ?? -1) s of CPU",
            sourceLocation: sourceLocation)
        #expect(outcome.seconds < hangLimit, "took \(outcome.seconds) s", sourceLocation: sourceLocation)
        #expect(outcome.peakMB < memoryLimitMB, "peak \(outcome.peakMB) MB", sourceLocation: sourceLocation)
    }

    @Test func millionLevelsOfFlowNesting() async throws {
        try await Self.expectBoundedFailure([UInt8](repeating: UInt8(ascii: "["), count: 1_000_000), code: "SLO108")
    }

    @Test func millionLevelsOfBlockNesting() async throws {
        try await Self.expectBoundedFailure(
            Array(("a:\n" + String(repeating: "- ", count: 1_000_000)).utf8), code: "SLO108")
    }

    @Test func billionLaughs() async throws {
        var bomb = "version: slo/v1\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1...9 {
            let previous = level == 1 ? "a" : "l\(level - 1)"
            bomb +=
                "l\(level): &l\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        try await Self.expectBoundedFailure(Array(bomb.utf8), code: "SLO109")
    }

    @Test func fiftyMegabyteFile() async throws {
        var bytes = Array("version: slo/v1\ndescription: \"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 50 * 1024 * 1024)
        bytes += Array("\"\n".utf8)
        try await Self.expectBoundedFailure(bytes, code: "SLO111")
    }

    @Test func invalidUTF8() async throws {
        try await Self.expectBoundedFailure(
            Array("version: slo/v1\nservice: ".utf8) + [0xC3, 0x28] + [0x0A], code: "SLO106")
    }

    @Test func nulByte() async throws {
        try await Self.expectBoundedFailure(Array("version: slo/v1\nservice: a".utf8) + [0] + [0x0A], code: "SLO107")
    }
}

/// Every invalid spec of the suite, run through the real binary: exit 1, its diagnostic code on
/// stderr, within the hostile-input limits.
@Suite struct InvalidSpecProcessTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SLOKitTests/Fixtures/invalid")

    @Test func everyInvalidSpecFailsCleanly() async throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
            $0.hasSuffix(".yaml")
        }
        .sorted()
        #expect(names.count >= 50)
        for name in names {
            let path = Self.folder.appendingPathComponent(name).path
            let header = String(
                decoding: (FileManager.default.contents(atPath: path) ?? Data()).prefix(80), as: UTF8.self)
            let code = header.components(separatedBy: "# expect: ").dropFirst().first?.prefix(6).description
            let outcome = try await SLOProcess.run(["validate", path])
            #expect(outcome.status == 1, "\(name): exit \(outcome.status)")
            if let code { #expect(outcome.stderr.contains("[\(code)]"), "\(name): \(outcome.stderr.prefix(200))") }
            #expect(
                (outcome.cpuSeconds ?? .infinity) < HostileInputTests.cpuLimit,
                "\(name): \(outcome.cpuSeconds ?? -1) s CPU")
            #expect(outcome.seconds < HostileInputTests.hangLimit, "\(name) took \(outcome.seconds) s")
            #expect(outcome.peakMB < HostileInputTests.memoryLimitMB, "\(name): \(outcome.peakMB) MB")
        }
    }
}
