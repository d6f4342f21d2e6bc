// The library's users get the file, format, config, cache, wire and exec types with a single `import SessionActors`.
@_exported public import AWSFormats
@_exported public import FileStore
@_exported public import ParallelExec
@_exported public import SSOCache
@_exported public import SSOConfig
@_exported public import SSOWire
