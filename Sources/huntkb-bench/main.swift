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

/// User + system CPU seconds of this process so far (less sensitive than wall time on a busy machine).
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return s(usage.ru_utime) + s(usage.ru_stime)
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
    // Rules only (no query generation), into its own new database.
    let plainDB = try AppDatabase.open(path: dir.appendingPathComponent("plain.sqlite").path)
    var plainImporter = RuleImporter()
    plainImporter.targetKeys = []
    var cpu0 = cpuSeconds()
    let plainTime = try seconds { _ = try plainImporter.run(paths: [corpus], into: plainDB) }
    let plainCPU = cpuSeconds() - cpu0

    var first = ImportReport()
    cpu0 = cpuSeconds()
    let importTime = try seconds { first = try RuleImporter().run(paths: [corpus], into: db) }
    let importCPU = cpuSeconds() - cpu0
    var second = ImportReport()
    cpu0 = cpuSeconds()
    let reimportTime = try seconds { second = try RuleImporter().run(paths: [corpus], into: db) }
    let reimportCPU = cpuSeconds() - cpu0

    var query = RuleQuery()
    query.techniques = ["T1053"]
    var hits = 0
    let runs = 200
    let searchTime = try seconds {
        for _ in 0..<runs { hits = try db.search(query).count }
    }
    var textQuery = RuleQuery(text: "powershell")
    textQuery.levels = ["high", "critical"]
    var textHits = 0
    let textTime = try seconds {
        for _ in 0..<runs { textHits = try db.search(textQuery).count }
    }
    var all = 0
    let allTime = try seconds { all = try db.search(RuleQuery()).count }

    let rules = first.imported + first.updated + first.unchanged
    print("corpus:                 \(corpus) (\(first.files) files)")
    print("create+seed database:   \(String(format: "%.3f", openTime)) s")
    print("import, rules only:     \(String(format: "%.3f", plainTime)) s wall, \(String(format: "%.3f", plainCPU)) s CPU")
    print("import + \(QueryGenerator.allTargetKeys.count) query targets: \(String(format: "%.3f", importTime)) s wall, \(String(format: "%.3f", importCPU)) s CPU  [\(first.summary)]")
    print("rules per second:       \(String(format: "%.0f", Double(rules) / importTime)) with queries, \(String(format: "%.0f", Double(rules) / plainTime)) rules only")
    print("re-import (unchanged):  \(String(format: "%.3f", reimportTime)) s wall, \(String(format: "%.3f", reimportCPU)) s CPU  [\(second.summary)]")
    print("search --technique T1053 (mean of \(runs)): \(String(format: "%.2f", searchTime / Double(runs) * 1000)) ms (\(hits) rules)")
    print("search 'powershell' --level high,critical: \(String(format: "%.2f", textTime / Double(runs) * 1000)) ms (\(textHits) rules)")
    print("search (everything):    \(String(format: "%.2f", allTime * 1000)) ms (\(all) rules)")
    print("peak memory:            \(String(format: "%.1f", peakMemoryMB())) MB")
} catch {
    FileHandle.standardError.write(Data("huntkb-bench: \(error)\n".utf8))
    exit(2)
}
