/// The selection and the visible window of the arrow-key picker, without any I/O: moving wraps
/// around at both ends, and the window scrolls to keep the selection in view.
struct PickerState: Equatable {
    let count: Int
    let pageSize: Int
    private(set) var selected: Int
    private(set) var top = 0

    init(count: Int, pageSize: Int, selected: Int) {
        self.count = count
        self.pageSize = max(1, min(pageSize, count))
        self.selected = min(max(0, selected), max(0, count - 1))
        scrollToSelection()
    }

    /// The option indices currently on screen.
    var visible: Range<Int> { top..<min(count, top + pageSize) }

    mutating func moveUp() { select(selected == 0 ? count - 1 : selected - 1) }
    mutating func moveDown() { select(selected == count - 1 ? 0 : selected + 1) }
    mutating func moveToFirst() { select(0) }
    mutating func moveToLast() { select(count - 1) }

    private mutating func select(_ index: Int) {
        selected = index
        scrollToSelection()
    }

    private mutating func scrollToSelection() {
        if selected < top { top = selected }
        if selected >= top + pageSize { top = selected - pageSize + 1 }
    }
}
