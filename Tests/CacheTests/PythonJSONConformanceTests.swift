import Foundation
import TestSupport
import Testing

@testable import AWSFormats
@testable import SSOCache

/// PythonJSON against Python's own `json.dumps` on a corpus of awkward strings and key orders.
@Suite("PythonJSON matches json.dumps")
struct PythonJSONConformanceTests {
    @Test("every corpus value renders exactly as json.dumps renders it (unsorted, sorted, compact)")
    func corpus() async throws {
        let python = try ConformancePython.interpreter()
        let output = try await runProcess(python, [ConformancePython.script("pythonjson_corpus.py").path])
        #expect(output.status == 0, "\(output.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        #expect(items.count >= 10)
        for item in items {
            let value = try Self.untag(try #require(item["tree"]))
            #expect(PythonJSON.encode(value) == item["unsorted"] as? String)
            #expect(PythonJSON.encode(value, sortKeys: true) == item["sorted"] as? String)
            #expect(PythonJSON.encode(value, separators: .compact, sortKeys: true) == item["compact"] as? String)
        }
    }

    struct BadTree: Error {}

    /// Rebuilds a value from the script's tagged tree (which keeps member order and types).
    static func untag(_ tree: Any) throws -> PythonJSON.Value {
        guard let parts = tree as? [Any], let tag = parts.first as? String else { throw BadTree() }
        switch tag {
        case "s": return .string(try cast(parts[1]))
        case "i":
            guard let number = Int(try cast(parts[1]) as String) else { throw BadTree() }
            return .integer(number)
        case "b": return .bool(try cast(parts[1]))
        case "n": return .null
        case "a": return .array(try (try cast(parts[1]) as [Any]).map(untag))
        case "o":
            return .object(
                try (try cast(parts[1]) as [Any]).map { member in
                    let pair: [Any] = try cast(member)
                    return (key: try cast(pair[0]), value: try untag(pair[1]))
                })
        default: throw BadTree()
        }
    }

    static func cast<T>(_ value: Any) throws -> T {
        guard let typed = value as? T else { throw BadTree() }
        return typed
    }
}
