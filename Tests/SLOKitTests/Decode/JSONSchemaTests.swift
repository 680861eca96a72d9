import Foundation
import Testing

@testable import SLOKit

/// The committed JSON Schema and the decoder must accept the same keys everywhere.
@Suite struct JSONSchemaTests {
    static let schemaPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schema/slo-v1.schema.json")

    static func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: schemaPath)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func keys(_ object: [String: Any]?) -> Set<String> {
        Set((object?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
    }

    @Test(arguments: [
        ("", NativeKeys.document), ("slo", NativeKeys.slo), ("sli", NativeKeys.sli), ("latency", NativeKeys.latency),
        ("timeslice", NativeKeys.timeslice), ("serviceAlerting", NativeKeys.serviceAlerting),
        ("sloAlerting", NativeKeys.sloAlerting), ("tier", NativeKeys.tier), ("tierWithFor", NativeKeys.tierWithFor),
        ("sla", NativeKeys.sla), ("commitment", NativeKeys.commitment), ("credit", NativeKeys.credit),
    ])
    func schemaListsExactlyTheDecodersKeys(definition: String, keys: [String]) throws {
        let schema = try Self.schema()
        let defs = schema["$defs"] as? [String: Any]
        let object = definition.isEmpty ? schema : defs?[definition] as? [String: Any]
        #expect(Self.keys(object) == Set(keys), "schema definition `\(definition)` is out of step with the decoder")
        #expect(object?["additionalProperties"] as? Bool == false, "unknown keys are errors, so the schema says so")
    }

    @Test func calendarPeriodsMatch() throws {
        let defs = try Self.schema()["$defs"] as? [String: Any]
        let window = defs?["window"] as? [String: Any]
        let periods = ((window?["anyOf"] as? [[String: Any]])?.last?["enum"] as? [String]) ?? []
        #expect(Set(periods) == Set(CalendarPeriod.allCases.map(\.rawValue)))
    }
}
