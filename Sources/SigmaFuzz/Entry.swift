#if FUZZING
/// libFuzzer's entry point (Scripts/fuzz.sh builds this target with `-sanitize=fuzzer -DFUZZING`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzOne.run(data)
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafeRawPointer?, Int) -> CInt) -> CInt

/// SwiftPM links an executable's `main` to `<module>_main`; hand it to libFuzzer's driver.
@_cdecl("SigmaFuzz_main")
public func sigmaFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return withUnsafeMutablePointer(to: &count) { c in
        withUnsafeMutablePointer(to: &arguments) { v in
            runFuzzerDriver(c, v) { start, size in fuzzerTestOneInput(start, size) }
        }
    }
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
