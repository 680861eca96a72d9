import Testing

@testable import SLOKit

@Suite("PromQL error offsets and messages")
struct PromQLErrorTests {
    /// Parses `query`, expecting an error, and returns it.
    func error(_ query: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> PromQLError? {
        do {
            let expr = try PromQLParser.parse(query)
            Issue.record("expected an error for \(query.debugDescription), got \(expr)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// Offset of the first occurrence of `needle` in `query`, in Unicode scalars.
    func scalarOffset(of needle: String, in query: String) -> Int {
        let range = query.range(of: needle)!
        return query.unicodeScalars.distance(from: query.unicodeScalars.startIndex, to: range.lowerBound)
    }

    /// An unquoted label value gets the same fix whatever the operator, written with the
    /// user's own name, operator and value; the fixed query parses.
    @Test(arguments: [
        ("x{job=api}", "job=\"api\""), ("x{code=~5..}", "code=~\"5..\""), ("x{code!=500}", "code!=\"500\""),
        ("x{code!~5.., job=\"a\"}", "code!~\"5..\""), ("x{handler!=/healthz}", "handler!=\"/healthz\""),
        ("x{path=~ /api/.*}", "path=~\"/api/.*\""),
    ])
    func unquotedLabelValuesAreShownQuoted(query: String, fix: String) throws {
        let e = try #require(error(query))
        #expect(e.message.contains("label values must be quoted: write \(fix)"), "\(e.message)")
        let unquoted = query.dropFirst(2).prefix { $0 != "," && $0 != "}" }
        let fixed = query.replacingOccurrences(of: String(unquoted), with: fix)
        #expect(throws: Never.self) { _ = try PromQLParser.parse(fixed) }
    }

    @Test func unclosedRangePointsAtParenthesis() throws {
        let e = try #require(error("rate(x[5m)"))
        #expect(e.offset == 9)
        #expect(e.end == 10)
        #expect(e.message.contains("expected \":\" or \"]\""))
    }

    @Test(arguments: [
        // (query, offending text, message fragment)
        ("sum(rate(x[5m])) by (job) by (instance)", "by (instance)", "unexpected keyword \"by\""),
        ("x{a=b}", "b}", "expected string"),
        ("x{a=\"b\" c=\"d\"}", "c=", "expected \",\" or \"}\""),
        ("x +", "", "unexpected end of input"),
        ("x y", "y", "unexpected identifier \"y\""),
        ("foo(x)", "foo", "unknown function with name \"foo\""),
        ("rata(x[5m])", "rata", "did you mean \"rate\""),
        ("rate(x)", "x)", "expected type range vector"),
        ("x[5]", "5]", "missing unit character in duration"),
        ("x[0s]", "0s", "duration must be greater than 0"),
        ("x offset 1.5m", "1.5m", "not a valid duration string"),
        ("1 > 2", "> 2", "must use BOOL modifier"),
        ("x + bool y", "+ bool", "bool modifier can only be used on comparison operators"),
        ("x $ y", "$", "unexpected character: '$'"),
        ("rate(x[5m],)", ",)", "trailing commas not allowed"),
        ("x{a=~\"(\"}", "\"(\"", "missing closing )"),
        ("sum by (a:b) (x)", "a:b", "expected label"),
        ("x[5m] offset 1h offset 2h", "x[5m]", "offset may not be set multiple times"),
        ("{}", "{}", "at least one non-empty matcher"),
        ("topk(x)", "topk", "expected 2, got 1"),
        ("\"abc", "\"abc", "unterminated quoted string"),
        ("x{a=\"\\q\"}", "\\q", "unknown escape sequence"),
    ])
    func offsets(query: String, offending: String, fragment: String) throws {
        let e = try #require(error(query))
        let expected = offending.isEmpty ? query.unicodeScalars.count : scalarOffset(of: offending, in: query)
        #expect(e.offset == expected, "\(query): \(e)")
        #expect(e.message.contains(fragment), "\(query): \(e.message)")
    }

    @Test func offsetsCountUnicodeScalarsNotBytes() throws {
        // "é" is 2 bytes, "😀" 4 bytes, but one scalar each.
        let query = #"x{city="Zürich", emoji="😀"} + rate(y)"#
        let e = try #require(error(query))
        #expect(e.offset == scalarOffset(of: "y)", in: query))
        #expect(e.offset == 35)
        #expect(query.utf8.count - query.unicodeScalars.count == 4)  // 1 extra byte for ü, 3 for 😀

        let lexical = try #require(error("\"é\" + é"))
        #expect(lexical.offset == 6)
        #expect(lexical.message.contains("unexpected character: 'é'"))
    }

    @Test func offsetsCountScalarsNotGraphemeClusters() throws {
        // "e" + combining acute accent is one Character but two scalars; a flag is two scalars.
        let query = "x{a=\"e\u{301}🇨🇭\"} $"
        let e = try #require(error(query))
        #expect(e.offset == 12)
        #expect(query.count == 11)
    }

    @Test func multiLineQueries() throws {
        let query = "sum(\n  rate(x[5m]) # comment with ünïcode\n) by (job) +"
        let e = try #require(error(query))
        #expect(e.offset == query.unicodeScalars.count)
        let position = e.lineAndColumn(in: query)
        #expect(position.line == 3)
        #expect(position.column == 13)
    }

    @Test func unclosedParenthesisPointsAtEnd() throws {
        let e = try #require(error("sum(rate(x[5m])"))
        #expect(e.offset == 15)
        #expect(e.message.contains("unclosed left parenthesis"))
    }

    @Test func emptyQuery() throws {
        let e = try #require(error("  # nothing here"))
        #expect(e.offset == 0)
        #expect(e.message.contains("no expression found"))
    }

    @Test func errorsAreEquatableAndDescribed() {
        let a = PromQLError(offset: 3, end: 5, message: "boom")
        #expect(a == PromQLError(offset: 3, end: 5, message: "boom"))
        #expect(a != PromQLError(offset: 4, end: 5, message: "boom"))
        #expect(a.description == "3: boom")
        #expect(PromQLError(offset: 7, end: 2, message: "x").end == 7)
    }

    @Test func typedThrows() {
        // The parser throws PromQLError itself, no casting needed.
        let result: Result<PromQLExpr, PromQLError> = Result { () throws(PromQLError) -> PromQLExpr in
            try PromQLParser.parse("x[")
        }
        guard case .failure(let error) = result else {
            Issue.record("expected failure")
            return
        }
        #expect(error.offset == 2)
    }
}
