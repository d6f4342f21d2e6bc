import Testing

@Suite struct ConfigTestsPlaceholder {
    @Test func placeholder() { #expect(Bool(true)) }
}
