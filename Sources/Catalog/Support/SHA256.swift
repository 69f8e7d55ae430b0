import Crypto
import Foundation

/// Content hashes of rule files: swift-crypto's SHA-256 as 64 lower-case hex digits.
public enum SHA256 {
    /// The digest of `bytes` as 64 lower-case hex digits.
    public static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digest = bytes.withContiguousStorageIfAvailable { Crypto.SHA256.hash(data: UnsafeRawBufferPointer($0)) }
            ?? Crypto.SHA256.hash(data: Array(bytes))
        return hexDigits(digest)
    }

    /// The digest of `data` (file contents) without copying it.
    public static func hex(_ data: Data) -> String {
        hexDigits(Crypto.SHA256.hash(data: data))
    }

    /// The digest of the UTF-8 bytes of `text`.
    public static func hex(text: String) -> String {
        var text = text
        return text.withUTF8 { hexDigits(Crypto.SHA256.hash(data: UnsafeRawBufferPointer($0))) }
    }

    private static func hexDigits(_ digest: SHA256Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
