import Testing

@Suite struct CacheTestsPlaceholder {
    @Test func placeholder() { #expect(Bool(true)) }
}
