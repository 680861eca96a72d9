extension PrometheusClient {
    /// Runs planned requests with at most `concurrency` in flight; the first failure cancels the
    /// rest. Shared by every command that reads a live Prometheus (`slo report`, live checks).
    func answers(_ jobs: [ReportJob], concurrency: Int) async throws -> [ReportJob: ReportAnswer] {
        var answers: [ReportJob: ReportAnswer] = [:]
        try await withThrowingTaskGroup(of: (ReportJob, ReportAnswer).self) { group in
            var pending = jobs[...]
            func startNext() {
                guard let job = pending.popFirst() else { return }
                group.addTask {
                    switch job.kind {
                    case .instant(let time): (job, .instant(try await instant(job.query, at: time)))
                    case .range(let start, let end, let step):
                        (job, .range(try await range(job.query, start: start, end: end, step: step)))
                    case .labelValues(let label, let start, let end):
                        (job, .labelValues(try await labelValues(label, match: job.query, start: start, end: end)))
                    }
                }
            }
            for _ in 0..<max(1, concurrency) { startNext() }
            while let (job, answer) = try await group.next() {
                answers[job] = answer
                startNext()
            }
        }
        return answers
    }
}
