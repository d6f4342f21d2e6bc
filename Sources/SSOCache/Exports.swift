// Who imports the cache types gets the file-writing ones their errors name (`FileSystemError`) and the
// formats the files are written in (`PythonJSON`, `CacheTimestamp`).
@_exported public import AWSFormats
@_exported public import FileStore
