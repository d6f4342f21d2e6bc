import Testing

@testable import CredentialServer
@testable import SSOEmulator

@Suite("Credential server: the strict request reader")
struct RequestReaderTests {
    static let limits = RequestReader.Limits(maxHeadBytes: 8 * 1024, maxBodyBytes: 1024)

    /// What a verdict says, in a form tests compare.
    enum Outcome: Equatable {
        case incomplete
        case request(method: String, path: String, fields: [String], keepAlive: Bool, consumed: Int)
        case refused(Int)
    }

    static func read(_ bytes: [UInt8], searched: inout Int) -> Outcome {
        let verdict = bytes.withUnsafeBytes { RequestReader(limits: limits).read($0, searched: &searched) }
        switch verdict {
        case .incomplete: return .incomplete
        case .refused(let response): return .refused(response.status)
        case .request(let request, let keepAlive, let consumed):
            return .request(
                method: String(request.method), path: String(request.path),
                fields: request.fields.map { "\($0.name)=\($0.value)" }, keepAlive: keepAlive, consumed: consumed)
        }
    }

    static func read(_ text: String) -> Outcome {
        var searched = 0
        return read(Array(text.utf8), searched: &searched)
    }

    static let valid: [(String, Outcome)] = [
        (
            "GET /profiles/a%20b?x=1 HTTP/1.1\r\nHost: 127.0.0.1:80\r\nAuthorization:  tok \t\r\n\r\n",
            .request(
                method: "GET", path: "/profiles/a%20b", fields: ["Host=127.0.0.1:80", "Authorization=tok"],
                keepAlive: true, consumed: 79)
        ),
        (
            "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n",
            .request(method: "GET", path: "/", fields: ["Host=localhost"], keepAlive: false, consumed: 35)
        ),
        (
            "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
            .request(method: "GET", path: "/", fields: ["Connection=Keep-Alive"], keepAlive: true, consumed: 42)
        ),
        (
            "GET / HTTP/1.1\r\nConnection: te, CLOSE\r\nX-Empty:\r\n\r\n",
            .request(
                method: "GET", path: "/", fields: ["Connection=te, CLOSE", "X-Empty="], keepAlive: false,
                consumed: 51)
        ),
        (
            "\r\nPUT /latest/api/token HTTP/1.1\r\ncontent-length: 3\r\nUser-Agent: caf\u{E9}\r\n\r\nabc",
            .request(
                method: "PUT", path: "/latest/api/token", fields: ["content-length=3", "User-Agent=caf\u{E9}"],
                keepAlive: true, consumed: 77)
        ),
    ]

    @Test("valid requests are read exactly: method, path, fields (OWS trimmed), keep-alive, length")
    func validRequests() {
        for (text, expected) in Self.valid {
            #expect(Self.read(text) == expected, "\(text.debugDescription)")
        }
    }

    @Test(
        "every truncation of a valid request (and of two pipelined) waits for more; bytes fed one at a time give the same request"
    )
    func truncations() {
        for (text, expected) in Self.valid {
            let bytes = Array(text.utf8)
            for cut in 0..<bytes.count {
                var searched = 0
                #expect(
                    Self.read(Array(bytes[..<cut]), searched: &searched) == .incomplete,
                    "\(cut) of \(text.debugDescription)")
            }
            var searched = 0
            for cut in 0..<bytes.count {
                #expect(Self.read(Array(bytes[..<cut]), searched: &searched) == .incomplete)
            }
            #expect(Self.read(bytes, searched: &searched) == expected, "trickled \(text.debugDescription)")
            var pipelined = 0
            #expect(Self.read(bytes + Array("GET /next HTTP/1.1\r\n".utf8), searched: &pipelined) == expected)
        }
    }

    @Test(
        "refused: bare LF, obs-fold, space before colon, control characters, Transfer-Encoding, bad or repeated Content-Length, other versions, limits",
        arguments: [
            ("GET / HTTP/1.1\nHost: a\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\r\n  folded\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\n: a\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\u{1}b\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
            ("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", 400),
            ("GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nContent-Length: 1 2\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413),
            ("POST / HTTP/1.1\r\nContent-Length: 1025\r\n\r\n", 413),
            ("GET / HTTP/2.0\r\n\r\n", 505),
            ("GET / HTTP/1.1x\r\n\r\n", 400),
            ("GET / http/1.1\r\n\r\n", 400),
            ("GET /a b HTTP/1.1\r\n\r\n", 400),
            ("GET  / HTTP/1.1\r\n\r\n", 400),
            ("G(T / HTTP/1.1\r\n\r\n", 400),
            ("GET /\u{E9} HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nX: \u{FF}\u{FE}\r\n\r\n", 200),
            ("GET / HTTP/1.1\r\nX-Padding: " + String(repeating: "y", count: 9000) + "\r\n\r\n", 431),
            ("GET / HTTP/1.1\r\nX-Padding: " + String(repeating: "y", count: 9000), 431),
            ("GET / HTTP/1.1\r\n" + String(repeating: "X: y\r\n", count: 65) + "\r\n", 431),
            (String(repeating: "\r\n", count: 5000), 431),
        ])
    func refusals(text: String, status: Int) {
        let outcome = Self.read(text)
        if status == 200 {
            // Valid UTF-8 beyond ASCII is kept (obs-text).
            guard case .request = outcome else {
                Issue.record("expected a request, got \(outcome)")
                return
            }
        } else {
            #expect(outcome == .refused(status))
        }
    }

    @Test("invalid UTF-8 in a header value is refused")
    func invalidUTF8() {
        var searched = 0
        let bytes = Array("GET / HTTP/1.1\r\nX: ".utf8) + [0xFF, 0xFE] + Array("\r\n\r\n".utf8)
        #expect(Self.read(bytes, searched: &searched) == .refused(400))
    }

    @Test("64 fields are accepted")
    func fieldCount() {
        guard
            case .request(_, _, let fields, _, _) = Self.read(
                "GET / HTTP/1.1\r\n" + String(repeating: "X: y\r\n", count: 64) + "\r\n")
        else {
            Issue.record("refused")
            return
        }
        #expect(fields.count == 64)
    }

    @Test("random valid requests are read back exactly, whole and byte by byte")
    func generatedRequests() {
        var random = SeededRandom(seed: 13)
        let tchars = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~".utf8)
        let vchars = Array((0x21...0x7e).map { UInt8($0) })
        for _ in 0..<300 {
            let method = String(
                decoding: (0..<Int.random(in: 1...7, using: &random)).map { _ in tchars.randomElement(using: &random)!
                }, as: UTF8.self)
            let path =
                "/"
                + String(
                    decoding: (0..<Int.random(in: 0...40, using: &random)).map { _ in
                        vchars.filter { $0 != UInt8(ascii: "?") }.randomElement(using: &random)!
                    }, as: UTF8.self)
            var fields: [(String, String)] = []
            for _ in 0..<Int.random(in: 0...10, using: &random) {
                var name = String(
                    decoding: (0..<Int.random(in: 1...20, using: &random)).map { _ in
                        tchars.randomElement(using: &random)!
                    }, as: UTF8.self)
                if ["content-length", "transfer-encoding", "connection"].contains(name.lowercased()) {
                    name = "X-" + name
                }
                let inner = (0..<Int.random(in: 0...30, using: &random)).map { _ in
                    Bool.random(using: &random) ? UInt8(ascii: " ") : vchars.randomElement(using: &random)!
                }
                let value = String(decoding: inner, as: UTF8.self).trimmingSpaces()
                fields.append((name, value))
            }
            let body =
                Int.random(in: 0...4, using: &random) == 0
                ? String(repeating: "b", count: Int.random(in: 0...1024, using: &random)) : ""
            var text = "\(method) \(path) HTTP/1.1\r\n"
            for (name, value) in fields {
                text += "\(name):" + (Bool.random(using: &random) ? " " : "") + value + "\r\n"
            }
            if !body.isEmpty { text += "Content-Length: \(body.utf8.count)\r\n" }
            text += "\r\n" + body
            let expected = Outcome.request(
                method: method, path: path,
                fields: fields.map { "\($0.0)=\($0.1)" } + (body.isEmpty ? [] : ["Content-Length=\(body.utf8.count)"]),
                keepAlive: true, consumed: text.utf8.count)
            #expect(Self.read(text) == expected, "\(text.debugDescription)")
            let bytes = Array(text.utf8)
            var searched = 0
            var step = 0
            while step < bytes.count {
                #expect(Self.read(Array(bytes[..<step]), searched: &searched) == .incomplete)
                step += Int.random(in: 1...16, using: &random)
            }
            #expect(Self.read(bytes, searched: &searched) == expected)
        }
    }

    @Test("random bytes and mutated requests never crash the reader and never yield a request past the bytes")
    func randomBytes() {
        var random = SeededRandom(seed: 2026)
        let alphabet = Array("GET /HTP1.\r\n:\t Host-Content-Length0123456789ab\u{1}".utf8) + [0x80, 0xFF, 0]
        let seeds = Self.valid.map { Array($0.0.utf8) }
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int.random(in: 0...300, using: &random)).map { _ in alphabet.randomElement(using: &random)!
                }
            } else {
                bytes = seeds.randomElement(using: &random)!
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let index = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0...2, using: &random) {
                    case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                    case 1: bytes.remove(at: index)
                    default: bytes.insert(alphabet.randomElement(using: &random)!, at: index)
                    }
                }
            }
            var searched =
                Int.random(in: 0...2, using: &random) == 0 ? Int.random(in: 0...bytes.count, using: &random) : 0
            if case .request(_, _, _, _, let consumed) = Self.read(bytes, searched: &searched) {
                #expect(consumed > 0 && consumed <= bytes.count)
            }
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

extension RequestReaderTests {
    @Test("token characters are exactly RFC 9110's tchar")
    func tokenCharacters() {
        let tchar = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        for byte in UInt8.min...UInt8.max {
            #expect(HeadParser.isTokenCharacter(byte) == tchar.contains(byte), "byte \(byte)")
        }
    }
}
