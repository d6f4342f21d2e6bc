/// Holds every caller of ``arrive()`` until `count` have arrived, then lets them all go: the rendezvous
/// for "all of them are inside at once" instead of a sleep long enough for it to have happened.
actor Barrier {
    private let count: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var open = false

    init(_ count: Int) {
        self.count = count
    }

    func arrive() async {
        if open { return }
        if waiting.count + 1 >= count {
            open = true
            for continuation in waiting { continuation.resume() }
            waiting.removeAll()
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}
