// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "HuntKB",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "huntkb", targets: ["huntkb"]),
        .library(name: "SigmaKit", targets: ["SigmaKit"]),
        .library(name: "SigmaConvert", targets: ["SigmaConvert"]),
        .library(name: "CatalogModel", targets: ["CatalogModel"]),
        .library(name: "Catalog", targets: ["Catalog"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "SigmaEval", targets: ["SigmaEval"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", exact: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", .upToNextMinor(from: "3.12.3")),
    ],
    targets: [
        // The rule language: model, YAML with positions, conditions, modifiers, validation.
        .target(name: "SigmaKit", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Processing pipelines and target query languages on a shared text-query engine.
        .target(name: "SigmaConvert", dependencies: ["SigmaKit"]),
        // Generates Swift sources holding migrations/ and seed/ so the binary never reads the source tree.
        .executableTarget(name: "EmbedTool", path: "Sources/EmbedTool"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["EmbedTool"]),
        // Compiles the site's templates and assets (Sources/Reports/Site/Templates) into the Reports target.
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["EmbedTool"]),
        // Evaluates Sigma rules on events (the SigmaKit model directly, no query text).
        .target(name: "SigmaEval", dependencies: ["SigmaKit"]),
        // The catalog's plain values (guide, coverage, change, history and rule-detail models): no database.
        .target(name: "CatalogModel"),
        // The SQLite knowledge base.
        .target(
            name: "Catalog",
            dependencies: [
                "CatalogModel", "SigmaKit", "SigmaConvert",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for text bound and read with its length (Catalog/Database/ExactText.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedResources"]
        ),
        // The team profile: default targets from $XDG_CONFIG_HOME/huntkb/config.toml.
        .target(name: "TeamProfile", dependencies: ["SigmaConvert", .product(name: "TOMLKit", package: "TOMLKit")]),
        // Pure functions from catalog values to documents; it must not link the database (Scripts/check-boundaries.sh).
        .target(
            name: "Reports",
            dependencies: ["CatalogModel", "SigmaKit", .product(name: "Mustache", package: "swift-mustache")],
            exclude: ["Site/Templates"],
            plugins: ["EmbedTemplates"]
        ),
        .executableTarget(
            name: "huntkb",
            dependencies: ["SigmaKit", "SigmaConvert", "Catalog", "Reports", "TeamProfile", "SigmaEval",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // libFuzzer over the rule front end and conversion (Scripts/fuzz.sh); a plain build replays input files.
        .executableTarget(name: "SigmaFuzz", dependencies: ["SigmaKit", "SigmaConvert"]),
        .executableTarget(
            name: "huntkb-bench",
            dependencies: ["SigmaKit", "SigmaConvert", "SigmaEval", "Catalog", "Reports"]
        ),
        // Fuzz regression inputs are read through #filePath.
        .testTarget(name: "SigmaKitTests", dependencies: ["SigmaKit"], exclude: ["FuzzRegressions"]),
        .testTarget(name: "SigmaEvalTests", dependencies: ["SigmaEval", "SigmaKit"]),
        .testTarget(name: "SigmaConvertTests", dependencies: ["SigmaConvert", "SigmaKit"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "SigmaKit", "SigmaConvert", .product(name: "GRDB", package: "GRDB.swift")]),
        // Golden files are read through #filePath, not bundled.
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "CatalogModel", "Catalog", "SigmaKit", .product(name: "Yams", package: "Yams")], exclude: ["Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["huntkb"]),
        .testTarget(name: "TeamProfileTests", dependencies: ["TeamProfile", "SigmaConvert"]),
    ],
    swiftLanguageModes: [.v6]
)
