#if FUZZING
/// libFuzzer's entry point (Scripts/fuzz.sh builds this target with `-sanitize=fuzzer -DFUZZING`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzOne.run(data)
    return 0
}
#else
/// Without libFuzzer: replays the given files (a crash corpus or regression inputs) through the same path.
@main
struct SigmaFuzzReplay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("sigma-fuzz: cannot read \(path)\n".utf8))
                exit(2)
            }
            FuzzOne.run(data)
        }
    }
}
#endif

import Foundation
