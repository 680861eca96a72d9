import Testing

/// Anchor tests can be skipped on a bare clone, never where the anchors are required (CI).
@Suite struct AnchorsTests {
    @Test func presentWhereRequired() {
        #expect(
            !Anchors.required || Anchors.folder != nil,
            "SLO_REQUIRE_ANCHORS=1 but no anchors folder: \(Anchors.absence)")
        print(Anchors.folder.map { "anchors: \($0.path)" } ?? "anchors: none (\(Anchors.absence))")
    }
}
