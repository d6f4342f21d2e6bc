// Baseline of "nothing to do": reads the config file, then opens and reads every file of the given
// cache folders, and prints how many files and bytes it read. No parsing: the least any tool that
// checks every cache file must do. Built by Benchmarks/run (swiftc -O -static-stdlib).
//
//   read-caches CONFIG FOLDER...
#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

var buffer = [UInt8](repeating: 0, count: 1 << 16)

func readWhole(_ path: String) -> Int {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return -1 }
    defer { close(descriptor) }
    var total = 0
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        total += count
    }
    return total
}

let arguments = CommandLine.arguments
guard arguments.count >= 2, readWhole(arguments[1]) >= 0 else {
    fputs("usage: read-caches CONFIG FOLDER... (the config must be readable)\n", stderr)
    exit(2)
}
var files = 0
var bytes = 0
for folder in arguments.dropFirst(2) {
    guard let directory = opendir(folder) else { continue }
    while let entry = readdir(directory) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        guard name.hasSuffix(".json") else { continue }
        let count = readWhole(folder + "/" + name)
        if count >= 0 {
            files += 1
            bytes += count
        }
    }
    closedir(directory)
}
print("\(files) files, \(bytes) bytes")
