// Who imports the wire types gets the credentials type and formats they use (`RoleCredentials`).
@_exported public import AWSFormats
