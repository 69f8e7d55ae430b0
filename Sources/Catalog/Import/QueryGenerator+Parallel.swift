import SigmaConvert
import SigmaKit

extension QueryGenerator {
    /// As `init(targetKeys:)`, the converters built on all cores: building one (its pipeline's tables) is
    /// serial work the first batch of an import waits for, and the targets are independent.
    /// The error is the one `init(targetKeys:)` throws: that of the first failing key.
    init(buildingInParallel keys: [String]) throws {
        let built: [Result<QueryGenerator, any Error>] = parallelMap(keys) { key in
            Result { try QueryGenerator(targetKeys: [key]) }
        }
        var converters: [(target: String, pipeline: String, converter: Converter)] = []
        for result in built { converters += try result.get().converters }
        self.converters = converters
    }
}
