import Foundation

/// The stable JSON form of parsed detections that the catalog stores beside the YAML:
/// the `Codable` encoding with sorted keys, so equal detections give equal bytes.
public enum DetectionJSON {
    public static func encode(_ detections: Detections) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(detections)
    }

    public static func encodeString(_ detections: Detections) throws -> String {
        String(decoding: try encode(detections), as: UTF8.self)
    }

    public static func decode(_ data: Data) throws -> Detections {
        try JSONDecoder().decode(Detections.self, from: data)
    }

    public static func decode(_ text: String) throws -> Detections {
        try decode(Data(text.utf8))
    }
}
