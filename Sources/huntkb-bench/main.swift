import Catalog
import Foundation
import GRDB

// usage: huntkb-bench [CORPUS]   (default: ../shared/corpus/sigma relative to the current directory)
// Measures the catalog on a Sigma corpus: import into a new database, re-import, rules per second,
// peak memory (getrusage ru_maxrss) and search latency. Build in release for meaningful figures.

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports kilobytes
}

let corpus = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "../shared/corpus/sigma"
guard FileManager.default.fileExists(atPath: corpus) else {
    FileHandle.standardError.write(Data("huntkb-bench: no corpus at \(corpus)\n".utf8))
    exit(2)
}
let dir = FileManager.default.temporaryDirectory.appendingPathComponent("huntkb-bench-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: dir) }
let path = dir.appendingPathComponent("bench.sqlite").path

do {
    var db: AppDatabase!
    let openTime = try seconds { db = try AppDatabase.open(path: path) }
    var first = ImportReport()
    let importTime = try seconds { first = try RuleImporter().run(paths: [corpus], into: db) }
    var second = ImportReport()
    let reimportTime = try seconds { second = try RuleImporter().run(paths: [corpus], into: db) }

    var query = RuleQuery()
    query.techniques = ["T1053"]
    var hits = 0
    let runs = 200
    let searchTime = try seconds {
        for _ in 0..<runs { hits = try db.writer.read { try RuleSearch.search($0, query) }.count }
    }
    var textQuery = RuleQuery(text: "powershell")
    textQuery.levels = ["high", "critical"]
    var textHits = 0
    let textTime = try seconds {
        for _ in 0..<runs { textHits = try db.writer.read { try RuleSearch.search($0, textQuery) }.count }
    }
    var all = 0
    let allTime = try seconds { all = try db.writer.read { try RuleSearch.search($0, RuleQuery()) }.count }

    let rules = first.imported + first.updated + first.unchanged
    print("corpus:                 \(corpus) (\(first.files) files)")
    print("create+seed database:   \(String(format: "%.3f", openTime)) s")
    print("import (new database):  \(String(format: "%.3f", importTime)) s  [\(first.summary)]")
    print("rules per second:       \(String(format: "%.0f", Double(rules) / importTime))")
    print("re-import (unchanged):  \(String(format: "%.3f", reimportTime)) s  [\(second.summary)]")
    print("search --technique T1053: \(String(format: "%.2f", searchTime / Double(runs) * 1000)) ms (\(hits) rules)")
    print("search 'powershell' --level high,critical: \(String(format: "%.2f", textTime / Double(runs) * 1000)) ms (\(textHits) rules)")
    print("search (everything):    \(String(format: "%.2f", allTime * 1000)) ms (\(all) rules)")
    print("peak memory:            \(String(format: "%.1f", peakMemoryMB())) MB")
} catch {
    FileHandle.standardError.write(Data("huntkb-bench: \(error)\n".utf8))
    exit(2)
}
