import Testing

@testable import SLOKit

/// Label values for synthesised fire-test series: they must satisfy the SLI's matchers (or break
/// exactly the one a negative scenario breaks), and every value is checked by a real regex engine.
@Suite struct LabelSolverTests {
    static func matcher(_ name: String, _ op: PromQLLabelMatcher.Operator, _ value: String) -> PromQLLabelMatcher {
        PromQLLabelMatcher(name: name, op: op, value: value)
    }

    @Test func equalityIsTakenAsWritten() {
        let labels = LabelSolver.solve([Self.matcher("job", .equal, "shop")], extra: [:])
        #expect(labels == ["job": "shop"])
    }

    @Test func aRegexGetsAnExampleItAccepts() {
        let labels = LabelSolver.solve([Self.matcher("code", .regexMatch, "5..")], extra: [:])
        #expect(labels == ["code": "500"])
    }

    @Test func aNegativeMatcherAloneGetsTheFirstFallbackItAllows() {
        #expect(LabelSolver.solve([Self.matcher("env", .notEqual, "fire-test")], extra: [:]) == ["env": "500"])
        #expect(LabelSolver.solve([Self.matcher("env", .regexNoMatch, ".*")], extra: [:]) == nil)
    }

    /// The "errors do not count as good" scenarios break one matcher on purpose.
    @Test func violatingAMatcherPicksAValueItRejects() throws {
        let code = Self.matcher("code", .regexMatch, "5..")
        let job = Self.matcher("job", .equal, "shop")
        let labels = try #require(LabelSolver.solve([job], extra: [:], violating: code))
        #expect(labels["job"] == "shop")
        #expect(LabelSolver.matches(code, labels["code"] ?? "") == false)
        let notGet = Self.matcher("method", .notEqual, "GET")
        #expect(LabelSolver.solve([], extra: [:], violating: notGet) == ["method": "GET"])
    }

    @Test func contradictoryMatchersHaveNoSolution() {
        let matchers = [Self.matcher("job", .equal, "a"), Self.matcher("job", .equal, "b")]
        #expect(LabelSolver.solve(matchers, extra: [:]) == nil)
    }

    @Test func givenLabelsArePreferredWhenTheyFit() {
        let matchers = [Self.matcher("instance", .regexMatch, "web-.*")]
        #expect(LabelSolver.solve(matchers, extra: ["instance": "web-7"]) == ["instance": "web-7"])
        #expect(LabelSolver.solve(matchers, extra: ["instance": "db-1"]) == ["instance": "web-"])
    }

    /// An empty value is "label absent" in PromQL, so an empty solution drops the label.
    @Test func anEmptyValueMeansTheLabelIsLeftOut() {
        let labels = LabelSolver.solve([Self.matcher("shard", .equal, "")], extra: ["shard": ""])
        #expect(labels == [:])
    }

    @Test func matchersAreAnchoredLikePrometheus() {
        #expect(LabelSolver.matches(Self.matcher("code", .regexMatch, "5.."), "5000") == false)
        #expect(LabelSolver.matches(Self.matcher("code", .regexNoMatch, "5.."), "200") == true)
        #expect(LabelSolver.matches(Self.matcher("code", .regexMatch, "(unclosed"), "x") == nil)
    }

    /// Whether a test group's input series would feed another SLO's selector.
    @Test func aSelectorSelectsOnlySeriesItsMatchersAccept() {
        let input = InputSeriesPlan(metric: "http_requests_total", labels: ["code": "500"], values: "0+1x10")
        var selector = PromQLVectorSelector(
            name: "http_requests_total", matchers: [Self.matcher("code", .regexMatch, "5..")])
        #expect(FireTestContribution.selects(selector, input))
        selector.name = "grpc_requests_total"
        #expect(!FireTestContribution.selects(selector, input))
        let byName = PromQLVectorSelector(matchers: [Self.matcher("__name__", .equal, "http_requests_total")])
        #expect(FireTestContribution.selects(byName, input))
    }
}

/// Example strings for label-matcher regexes: one per top-level alternative, each accepted by a
/// real regex engine.
@Suite struct RegexExamplesTests {
    @Test(arguments: [
        ("5..", ["500"]),
        ("GET|POST", ["GET", "POST"]),
        ("[45]xx", ["4xx"]),
        ("a+b*c?", ["a"]),
        ("(foo|bar)baz", ["foobaz"]),
        ("(?:api|web)-\\d{2}", ["api-00"]),
        ("^health$", ["health"]),
    ])
    func candidatesOfCommonPatterns(pattern: String, expected: [String]) throws {
        let candidates = RegexExamples.candidates(for: pattern)
        #expect(candidates == expected)
        let regex = try Regex(pattern)
        for candidate in candidates {
            #expect(try regex.wholeMatch(in: candidate) != nil, "\(candidate) !~ \(pattern)")
        }
    }
}
