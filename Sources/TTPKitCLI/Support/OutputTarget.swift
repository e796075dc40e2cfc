import Foundation
import Navigator
import Output

/// The one way a command writes what `-o` asks for: through ``OutputFile`` (atomic replace of a
/// regular file; devices, FIFOs and symlink targets written through), saying so on standard
/// error; `-` (and `/dev/stdout`) and no `-o` at all are standard output, `/dev/stderr`
/// standard error — the command's own streams, so in-process runs capture them.
enum OutputTarget {
    /// Layers as layer JSON.
    static func write(_ layers: [Layer], to path: String?) throws {
        let text = LayerFile.serialize(layers)
        try write(Data((path == nil ? text + "\n" : text).utf8), to: path)
    }

    /// Text or bytes.
    static func write(_ text: String, to path: String?) throws {
        try write(Data(text.utf8), to: path)
    }

    static func write(_ data: Data, to path: String?) throws {
        guard let path, OutputFile.standardStream(path) != STDOUT_FILENO else {
            Terminal.standardOutput.write(data)
            return
        }
        if OutputFile.standardStream(path) == STDERR_FILENO {
            Terminal.standardError.write(data)
            return
        }
        do {
            try OutputFile.write(data, to: path)
        } catch {
            throw CLIError(error.description)
        }
        Terminal.standardError.write("ttpkit: wrote \(path)\n")
    }
}
