// The library's users get the config, cache and wire types with a single `import SessionActors`.
@_exported public import SSOCache
@_exported public import SSOConfig
@_exported public import SSOWire
