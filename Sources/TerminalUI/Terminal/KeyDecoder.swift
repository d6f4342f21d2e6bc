/// A key the picker understands.
enum PickerKey: Equatable {
    case up
    case down
    case home
    case end
    case enter
    case interrupt
    case endOfInput
    case escape
    case character(UInt8)
    case ignored
}

/// Turns the bytes a terminal sends into keys, one byte at a time: `ESC [ A` and `ESC O A` are
/// Up (the second form in application cursor mode), `B` Down, `H`/`F` Home/End; Enter is `\r`
/// or `\n`; Ctrl-C is 0x03 and Ctrl-D 0x04. Other escape sequences are swallowed whole.
struct KeyDecoder {
    private enum State { case ground, escape, sequence }
    private var state = State.ground

    /// Whether the decoder is in the middle of an escape sequence.
    var isPending: Bool { state != .ground }

    /// Feeds one byte; returns a key once one is complete.
    mutating func feed(_ byte: UInt8) -> PickerKey? {
        switch state {
        case .ground:
            switch byte {
            case 0x1B:
                state = .escape
                return nil
            case 0x0D, 0x0A: return .enter
            case 0x03: return .interrupt
            case 0x04: return .endOfInput
            default: return .character(byte)
            }
        case .escape:
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "O") {
                state = .sequence
                return nil
            }
            state = .ground
            return .ignored
        case .sequence:
            // Parameters and intermediates (0x20-0x3F) continue the sequence; a final byte ends it.
            if (0x20...0x3F).contains(byte) { return nil }
            state = .ground
            switch byte {
            case UInt8(ascii: "A"): return .up
            case UInt8(ascii: "B"): return .down
            case UInt8(ascii: "H"): return .home
            case UInt8(ascii: "F"): return .end
            default: return .ignored
            }
        }
    }

    /// A lone ESC with nothing after it (the Escape key itself).
    mutating func timeOut() -> PickerKey? {
        guard state == .escape else { return nil }
        state = .ground
        return .escape
    }
}
