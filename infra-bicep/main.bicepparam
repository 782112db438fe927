using 'main.bicep'

param name = 'usage-prod'
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
// Read from the deploying shell when the file is compiled, so the key never lands in the repository.
param adminKey = readEnvironmentVariable('USAGE_ADMIN_KEY')
