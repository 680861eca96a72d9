import ArgumentParser
import Foundation
import SLOKit

/// How `slo report` and `slo doctor` reach their servers: deadlines, retries, TLS and credentials
/// (credentials from an environment variable or a file, never the command
/// line; only over https:// or to this machine).
struct ServerConnection: ParsableArguments {
    @Option(help: "Deadline of each request, retries included (Prometheus duration).")
    var timeout = "30s"

    @Option(help: "Retries of a request after a 5xx answer, a timeout or a refused connection.")
    var retries = 2

    @Option(help: "Largest answer accepted, in bytes.")
    var maxResponseBytes = 64 << 20

    @Option(help: "PEM file of CA certificates to trust instead of the system's.")
    var caFile: String?

    @Option(help: "Environment variable holding a bearer token.")
    var bearerTokenEnv: String?

    @Option(help: "File holding a bearer token.")
    var bearerTokenFile: String?

    @Option(help: "Environment variable holding user:password for basic auth.")
    var basicAuthEnv: String?

    @Option(help: "File holding user:password for basic auth.")
    var basicAuthFile: String?

    @Option(
        help:
            "Extra request header `Name: value`, repeatable: `X-Scope-OrgID: tenant` for a Mimir/Cortex tenant. (A path prefix goes in the URL: https://mimir/prometheus, http://vmselect:8481/select/0/prometheus.)"
    )
    var header: [String] = []

    /// Checks one server URL (named by its option) and the connection options.
    func validate(_ url: String, option: String) throws {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw ValidationError("\(option) must be an http:// or https:// URL")
        }
        let rest = url[url.range(of: "://")!.upperBound...]
        let authority = rest.prefix { !"/?#".contains($0) }
        guard !authority.contains("@") else {
            throw ValidationError("\(option) must not contain credentials; use --basic-auth-env or --basic-auth-file")
        }
        guard !url.contains("?"), !url.contains("#") else {
            throw ValidationError("\(option) must be the API's base URL, without a query or fragment")
        }
        let credentialSources = [bearerTokenEnv, bearerTokenFile, basicAuthEnv, basicAuthFile].compactMap { $0 }
        guard credentialSources.count <= 1 else {
            throw ValidationError(
                "choose one of --bearer-token-env, --bearer-token-file, --basic-auth-env, --basic-auth-file")
        }
        // Credentials travel only encrypted, or to this machine.
        let host =
            authority.hasPrefix("[")
            ? String(authority.prefix { $0 != "]" }) + "]" : String(authority.prefix { $0 != ":" })
        if !credentialSources.isEmpty, lower.hasPrefix("http://"),
            !["127.0.0.1", "localhost", "[::1]"].contains(host.lowercased())
        {
            throw ValidationError("credentials are only sent over https:// (or to 127.0.0.1, localhost or [::1])")
        }
        for line in header {
            let name = line.prefix { $0 != ":" }
            guard name.count < line.count, !name.isEmpty,
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) }),
                !line.contains("\n"), !line.contains("\r")
            else {
                throw ValidationError("--header must be `Name: value` on one line, e.g. `X-Scope-OrgID: tenant-1`")
            }
            guard !["authorization", "host", "content-length"].contains(name.lowercased()) else {
                throw ValidationError(
                    "--header cannot set \(name); use --bearer-token-env/--bearer-token-file or --basic-auth-env/--basic-auth-file for credentials"
                )
            }
        }
        guard let timeout = DurationValue(parsing: timeout), timeout.milliseconds > 0 else {
            throw ValidationError("--timeout must be a duration such as 30s or 2m")
        }
        guard retries >= 0, maxResponseBytes >= 1024 else {
            throw ValidationError("--retries must be ≥ 0, --max-response-bytes ≥ 1024")
        }
    }

    /// A client of `url` with these options; a missing credential fails the run with exit 2.
    func client(_ url: String, log: CommandDiagnostics) throws -> PrometheusClient {
        var transport = CurlTransport(caFile: caFile, maxBodyBytes: maxResponseBytes)
        transport.extraHeaders = header
        do {
            if let token = try secret(environment: bearerTokenEnv, file: bearerTokenFile) {
                transport.authorization = "Bearer \(token)"
            }
            transport.basicAuth = try secret(environment: basicAuthEnv, file: basicAuthFile)
        } catch let failure as SecretFailure {
            throw log.fail(.credentialUnavailable, failure.message, exit: ExitCode(2))
        }
        var client = PrometheusClient(baseURL: url, transport: transport)
        client.timeout = .milliseconds(DurationValue(parsing: timeout)!.milliseconds)
        client.retries = retries
        return client
    }

    /// The warnings servers gave with successful answers (a partial response from Thanos or
    /// Mimir), as warnings of the run: shown, and fatal under `--warnings-as-errors`.
    static func reportWarnings(of clients: [PrometheusClient], to log: CommandDiagnostics) {
        for client in clients {
            for warning in client.serverWarnings {
                log.collector.warning(
                    .serverWarning, "\(warning.message); the numbers may be incomplete", at: .run,
                    notes: [
                        .init(
                            "first with: \(warning.query.count <= 300 ? warning.query : String(warning.query.prefix(300)) + "…")",
                            at: nil)
                    ])
            }
        }
    }

    private struct SecretFailure: Error { var message: String }

    /// A credential from an environment variable or a file; the value itself is never printed.
    private func secret(environment: String?, file: String?) throws -> String? {
        var value: String?
        if let environment {
            guard let found = ProcessInfo.processInfo.environment[environment] else {
                throw SecretFailure(message: "environment variable \(environment) is not set")
            }
            value = found
        } else if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw SecretFailure(message: "cannot read the credential file \(file)")
            }
            value = String(decoding: data, as: UTF8.self)
        }
        guard var secret = value else { return nil }
        while secret.hasSuffix("\n") || secret.hasSuffix("\r") { secret.removeLast() }
        guard !secret.isEmpty, !secret.contains("\n"), !secret.contains("\r") else {
            throw SecretFailure(message: "the credential in \(environment ?? file ?? "") is empty or has several lines")
        }
        return secret
    }
}

extension OutputFormat {
    /// `--format` of a live command: one of the formats that command writes, so `slo report
    /// --format text` fails as a usage error naming the ones it takes.
    static func parse(_ text: String, among allowed: [OutputFormat]) throws -> OutputFormat {
        guard let format = OutputFormat(rawValue: text), allowed.contains(format) else {
            throw ValidationError(
                "unknown format `\(text)`; choose \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
        return format
    }
}
