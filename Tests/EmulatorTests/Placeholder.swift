import Testing

@Suite struct EmulatorTestsPlaceholder {
    @Test func placeholder() { #expect(Bool(true)) }
}
