// The floor of `credential-process`: reads the config file and one cache file and writes the cache
// file to standard output. No parsing: a static Swift program's start-up plus the two reads, the least a
// credential process that reads the config must cost. Built by Benchmarks/run (swiftc -O -static-stdlib).
//
//   read-one CONFIG CACHE-FILE
#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

func readWhole(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let config = readWhole(arguments[1]), let cache = readWhole(arguments[2]) else {
    fputs("usage: read-one CONFIG CACHE-FILE (both must be readable)\n", stderr)
    exit(2)
}
_ = config.count
cache.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, stdout) }
