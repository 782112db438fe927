using 'main.bicep'

// The app's host name is <name>.azurewebsites.net, unique across Azure; left out, a name unique to the resource
// group is derived.
// param name = 'usage-acme'
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
// Read from the deploying shell when the file is compiled, so the key never lands in the repository.
param adminKey = readEnvironmentVariable('USAGE_ADMIN_KEY')
// Browser apps on these origins may call the APIs (CORS, answered by the platform); empty: none.
param corsAllowedOrigins = []
param corsAllowCredentials = false
