// Who imports the cache types gets the file-writing ones their errors name (`FileSystemError`).
@_exported public import FileStore
