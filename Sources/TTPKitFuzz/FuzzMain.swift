import Foundation

#if FUZZING
/// libFuzzer's driver (linked by `-sanitize=fuzzer`): parses the fuzzer's flags and calls
/// `callback` with each input.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

/// `ttpkit-fuzz TARGET [libFuzzer flags and corpus folders]`.
///
/// Built with `-sanitize=fuzzer,address -DFUZZING` (see `tools/fuzz/run.sh`) it runs libFuzzer
/// on one of ``FuzzTarget``'s readers. Built normally it replays files through the target
/// instead (`ttpkit-fuzz layer crash-1234`), which is how a crash found by the fuzzer is
/// reproduced in a debug build.
@main
struct FuzzMain {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[1]) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("usage: ttpkit-fuzz TARGET [libFuzzer arguments | files]\ntargets: \(names)\n".utf8))
            exit(2)
        }
        FuzzTarget.selected = target
        #if FUZZING
        // libFuzzer reads its own flags; the target name is removed from what it sees.
        var argc = CommandLine.argc - 1
        var argv = CommandLine.unsafeArgv
        argv[1] = argv[0]
        var shifted = argv.advanced(by: 1)
        exit(LLVMFuzzerRunDriver(&argc, &shifted) { data, count in
            FuzzTarget.selected.run(UnsafeBufferPointer(start: data, count: count))
            return 0
        })
        #else
        for path in arguments.dropFirst(2) {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("ttpkit-fuzz: cannot read \(path)\n".utf8))
                exit(2)
            }
            data.withUnsafeBytes { target.run($0.bindMemory(to: UInt8.self)) }
            print("\(path): ok")
        }
        #endif
    }
}
