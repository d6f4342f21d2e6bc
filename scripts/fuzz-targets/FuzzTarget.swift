// libFuzzer entry point for scripts/fuzz. Compiled into one module together with the sources of
// SSOConfig and SSOCache, so it reaches the decoders directly. The first byte picks the target:
// 0 the config parser and resolver, 1 token files, 2 registration files, 3 credential files.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func multissoFuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let selector = bytes[0] % 4
    let data = Data(bytes[1...])
    switch selector {
    case 0:
        let file = URL(fileURLWithPath: "/nonexistent/config")
        guard let document = try? ConfigDocument(parsing: data, file: file) else { return 0 }
        // The parser is lossless: whatever it accepts it writes back byte for byte.
        if document.data != data { fatalError("config round trip changed the bytes") }
        let config = AWSConfigFile(
            document: document, file: file,
            environment: AWSEnvironment.sandbox(home: URL(fileURLWithPath: "/nonexistent")))
        for name in config.profileNames {
            _ = try? config.ssoProfile(named: name)
            _ = try? config.endpoints(forProfile: name)
        }
        for name in config.ssoSessionNames { _ = try? config.ssoSession(named: name) }
    default:
        guard let object = try? CacheJSONObject(data: data, file: "fuzz.json") else { return 0 }
        switch selector {
        case 1: _ = try? CachedToken(json: object)
        case 2: _ = try? CachedRegistration(json: object)
        default: _ = try? RoleCredentials(json: object)
        }
    }
    return 0
}
