/// The knobs, owned by one actor so they can change while requests are served.
actor KnobStore {
    private(set) var configuration: EmulatorConfiguration

    init(_ configuration: EmulatorConfiguration) {
        self.configuration = configuration
    }

    func update(_ change: @Sendable (inout EmulatorConfiguration) -> Void) {
        change(&configuration)
    }
}
