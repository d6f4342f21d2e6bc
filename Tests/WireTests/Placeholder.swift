import Testing

@Suite struct WireTestsPlaceholder {
    @Test func placeholder() { #expect(Bool(true)) }
}
