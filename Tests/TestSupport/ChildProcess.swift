import Foundation

/// Runs a helper tool (promtool, chromium, python3, openssl) and collects its output.
enum ToolProcess {
    /// The exit status and stdout, plus stderr when `withErrors` (chromium's chatter stays out otherwise).
    static func run(_ executable: String, _ arguments: [String], withErrors: Bool = true) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = withErrors ? pipe : FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
