import Foundation
import PackagePlugin

/// Turns `migrations/*.sql` and `seed/**` into a generated Swift file of the Catalog target.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL] = []
        for folder in ["migrations", "seed"] {
            let dir = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where !url.hasDirectoryPath {
                let ext = url.pathExtension
                if ext == "sql" || ext == "yml" || ext == "yaml" || ext == "json" { inputs.append(url) }
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedResources.swift")
        return [.buildCommand(
            displayName: "Embedding migrations and seed",
            executable: try context.tool(named: "EmbedTool").url,
            arguments: [root.path, output.path] + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }
}
