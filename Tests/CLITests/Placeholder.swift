import Testing

@Suite struct CLITestsPlaceholder {
    @Test func placeholder() { #expect(Bool(true)) }
}
