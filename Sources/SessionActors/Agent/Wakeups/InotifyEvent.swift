/// One record of what `read` returns on an inotify descriptor: `struct inotify_event` (the watch, the
/// event bits, and the entry's name for events inside a watched folder).
struct InotifyEvent: Equatable {
    let watch: Int32
    let mask: UInt32
    let name: String

    /// The events in `bytes` (whole records as the kernel writes them; a truncated tail is ignored).
    static func parse(_ bytes: UnsafeRawBufferPointer) -> [InotifyEvent] {
        let header = 16
        var events: [InotifyEvent] = []
        var offset = 0
        while offset + header <= bytes.count {
            let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            guard offset + header + length <= bytes.count else { break }
            let field = bytes[(offset + header)..<(offset + header + length)]
            let name = String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
            events.append(InotifyEvent(watch: watch, mask: mask, name: name))
            offset += header + length
        }
        return events
    }
}
