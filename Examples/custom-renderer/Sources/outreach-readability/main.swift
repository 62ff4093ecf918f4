import OutreachCLI
import OutreachKit
import ReadabilityRenderer

// The standard outreach commands (generate, validate, formats, ...) with one more format.
var registry = RendererRegistry.builtIn
registry.register(ReadabilityRenderer())
await OutreachCLI.main(registry: registry)
