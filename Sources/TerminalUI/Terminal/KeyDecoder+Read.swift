extension KeyDecoder {
    /// Reads bytes from `input` until they make a key; a lone Escape is recognised after 50 ms
    /// without a following byte, and the end of input is ``PickerKey/endOfInput``.
    mutating func readKey(_ input: Int32) async throws(TerminalError) -> PickerKey {
        while true {
            let key: PickerKey?
            switch try await TerminalIO.readByte(input, timeout: isPending ? 50 : nil) {
            case .byte(let byte): key = feed(byte)
            case .timedOut: key = timeOut()
            case .endOfInput: key = .endOfInput
            }
            if let key { return key }
        }
    }
}
