import Testing

@testable import SLOKit

@Suite("PromQL corpus")
struct PromQLCorpusTests {
    @Test("corpus has enough entries of both kinds")
    func corpusSize() throws {
        let entries = try PromQLCorpus.load()
        #expect(entries.count >= 300)
        #expect(entries.filter(\.expectValid).count >= 150)
        #expect(entries.filter { !$0.expectValid }.count >= 150)
    }

    @Test("our verdict and result type match the corpus annotations")
    func verdicts() throws {
        for entry in try PromQLCorpus.load() {
            do {
                let expr = try PromQLParser.parse(entry.expression)
                if !entry.expectValid {
                    Issue.record("\(entry): expected an error, but it parsed as \(expr.description)")
                } else if expr.resultType.rawValue != entry.expectedType {
                    Issue.record("\(entry): expected type \(entry.expectedType!), got \(expr.resultType)")
                }
            } catch {
                if entry.expectValid {
                    Issue.record("\(entry): expected to parse, got error at \(error.offset): \(error.message)")
                }
                #expect(error.offset >= 0 && error.offset <= entry.expression.unicodeScalars.count, "\(entry)")
                #expect(error.end >= error.offset && error.end <= entry.expression.unicodeScalars.count, "\(entry)")
            }
        }
    }

    @Test("printing then re-parsing every valid expression gives an equal AST")
    func roundTrip() throws {
        var checked = 0
        for entry in try PromQLCorpus.load() where entry.expectValid {
            guard let expr = try? PromQLParser.parse(entry.expression) else { continue }
            let printed = PromQLPrinter.print(expr)
            do {
                let reparsed = try PromQLParser.parse(printed)
                #expect(reparsed == expr, "\(entry) printed as \(printed)")
                #expect(PromQLPrinter.print(reparsed) == printed, "printing is not idempotent for \(entry)")
                checked += 1
            } catch {
                Issue.record("\(entry) printed as \(printed.debugDescription), which does not parse: \(error)")
            }
        }
        #expect(checked >= 150)
    }
}
