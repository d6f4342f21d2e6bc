import Foundation
import Hummingbird

/// The JSON body of a rest-json request, read with the service's validation: malformed JSON, a body
/// that is not an object, a missing required member or a member of the wrong type are
/// InvalidRequestException, never a crash.
struct JSONInput {
    private let object: [String: Any]

    init(object: [String: Any]) {
        self.object = object
    }

    static func read(_ request: Request, limit: Int = 1 << 20) async throws -> JSONInput {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw ServiceFailure(.invalidRequest, "The request body is too large or could not be read")
        }
        let data = Data(buffer.readableBytesView)
        if data.isEmpty { return JSONInput(object: [:]) }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw ServiceFailure(.invalidRequest, "Could not parse the request body as JSON")
        }
        guard let object = parsed as? [String: Any] else {
            throw ServiceFailure(.invalidRequest, "The request body must be a JSON object")
        }
        return JSONInput(object: object)
    }

    func isPresent(_ member: String) -> Bool {
        guard let value = object[member] else { return false }
        return !(value is NSNull)
    }

    func string(_ member: String) throws(ServiceFailure) -> String? {
        guard isPresent(member), let value = object[member] else { return nil }
        guard let text = value as? String, !isNumberOrBool(value) else {
            throw .wrongType(member, expected: "a string")
        }
        return text
    }

    func requiredString(_ member: String) throws(ServiceFailure) -> String {
        guard let text = try string(member) else { throw .missing(member) }
        return text
    }

    func stringList(_ member: String) throws(ServiceFailure) -> [String]? {
        guard isPresent(member), let value = object[member] else { return nil }
        guard let list = value as? [Any] else { throw .wrongType(member, expected: "a list of strings") }
        var strings: [String] = []
        for element in list {
            guard let text = element as? String, !isNumberOrBool(element) else {
                throw .wrongType(member, expected: "a list of strings")
            }
            strings.append(text)
        }
        return strings
    }

    /// Foundation bridges JSON numbers and booleans to NSNumber, which never casts to String; this
    /// guards against platforms where it might.
    private func isNumberOrBool(_ value: Any) -> Bool {
        value is NSNumber
    }
}

/// `application/x-www-form-urlencoded` bodies of the HTML forms (consent and device pages).
enum FormInput {
    static func read(_ request: Request) async -> [String: String] {
        guard let buffer = try? await request.body.collect(upTo: 64 * 1024) else { return [:] }
        return parse(String(buffer: buffer))
    }

    static func parse(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) -> String in
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            guard let key = parts.first else { continue }
            result[decode(key)] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }
}
