/// A fast 64-bit checksum of bytes, for files ttpkit writes to its cache and reads back
/// (snapshots, trained models): it tells a truncated, damaged or edited file from the one
/// written, at several gigabytes a second, so checking it costs less than a millisecond.
///
/// It is not a cryptographic hash: whoever may write the file may also rewrite the checksum.
/// Such files are trusted only when the user running ttpkit owns them and nobody else may
/// write them (see ``CacheFile``).
///
/// ```swift
/// let sum = bytes.withUnsafeBytes { SnapshotChecksum.of($0) }
/// ```
public enum SnapshotChecksum {
    /// The checksum of `bytes`.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let n = bytes.count
        let seed: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(truncatingIfNeeded: n)
        // Four independent lanes keep the multiplier busy.
        var lanes = (seed, seed &+ k1, seed &+ k2, seed &+ k3)
        var i = 0
        while n - i >= 32 {
            lanes.0 = mix(lanes.0, word(bytes, i))
            lanes.1 = mix(lanes.1, word(bytes, i + 8))
            lanes.2 = mix(lanes.2, word(bytes, i + 16))
            lanes.3 = mix(lanes.3, word(bytes, i + 24))
            i += 32
        }
        var h = lanes.0 ^ rotate(lanes.1, 17) ^ rotate(lanes.2, 31) ^ rotate(lanes.3, 47)
        while n - i >= 8 {
            h = mix(h, word(bytes, i))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = mix(h, tail)
        // Final avalanche (MurmurHash3's fmix64).
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    private static let k1: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let k2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let k3: UInt64 = 0x1656_67B1_9E37_79F9

    @inline(__always)
    private static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    private static func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
        rotate(h ^ (w &* k1), 31) &* k2
    }

    @inline(__always)
    private static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 {
        (x << r) | (x >> (64 - r))
    }
}
