import Foundation

/// Locates `../shared` relative to the package root (tests skip when it is absent).
enum SharedCorpus {
    static var root: URL? {
        if let env = ProcessInfo.processInfo.environment["HUNTKB_SHARED"] {
            return URL(fileURLWithPath: env)
        }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<4 {
            dir = dir.deletingLastPathComponent()
            let candidate = dir.appendingPathComponent("../shared").standardizedFileURL
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("corpus/sigma").path) {
                return candidate
            }
        }
        return nil
    }

    /// Every `*.yml` under corpus/sigma, as (relative path, absolute path), sorted.
    static func ruleFiles(in root: URL) -> [(relative: String, absolute: String)] {
        let base = root.appendingPathComponent("corpus/sigma")
        guard let e = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var out: [(String, String)] = []
        while let rel = e.nextObject() as? String {
            if rel.hasSuffix(".yml") || rel.hasSuffix(".yaml") { out.append((rel, base.appendingPathComponent(rel).path)) }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// path → error type (nil when the oracle has a query) from an oracle jsonl.
    static func oracle(_ root: URL, name: String) -> [String: String?] {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent("corpus/oracle/\(name).jsonl").path),
              let text = String(data: data, encoding: .utf8) else { return [:] }
        var out: [String: String?] = [:]
        for line in text.split(separator: "\n") {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let path = obj["path"] as? String else { continue }
            if let error = obj["error"] as? String {
                out[path] = .some(String(error.prefix { $0 != ":" }))
            } else {
                out[path] = .some(nil)
            }
        }
        return out
    }
}
