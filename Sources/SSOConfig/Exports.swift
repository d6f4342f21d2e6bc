// Who imports the config types gets the file-writing ones (`AtomicFile`, `AWSEnvironment`) with them.
@_exported public import FileStore
