import Foundation

/// Test files live at a path with a space and a quote in it, to catch quoting mistakes.
let sampleFile = URL(fileURLWithPath: "/tmp/it's a test/.aws/config")
