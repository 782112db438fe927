// The usage API on a Flex Consumption plan: a .NET isolated worker function app that reaches its storage, its
// deployment package and Application Insights with one user-assigned identity. No shared keys anywhere.
targetScope = 'resourceGroup'

@description('Base name of the resources; the function app is named after it and must be globally unique.')
@minLength(3)
@maxLength(40)
param name string = 'usage-${uniqueString(resourceGroup().id)}'

param location string = resourceGroup().location

@description('Memory of each instance; 2048 is the smallest size with a full vCPU share.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Upper bound on scale-out, which is also the upper bound on the bill under load.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Bearer key of the management API (/api/manage). Generate a long random value; it is never stored in the template.')
@secure()
@minLength(32)
param adminKey string

@description('NCRONTAB schedules (six fields, with seconds) of the timer functions, as the Timers__<Name> app settings.')
param timerSchedules object = {
  Retention: '0 17 3 * * *'
  Rollup: '*/30 * * * * *'
  Periods: '0 */5 * * * *'
  AlertDelivery: '*/10 * * * * *'
}

@description('Prefix of the product\'s table names, so several deployments can share one storage account.')
param tablePrefix string = ''

param logRetentionInDays int = 30

@description('Origins a browser app may call the APIs from (e.g. https://app.example.com, or * for any); the platform answers preflights. Empty: no cross-origin access.')
param corsAllowedOrigins array = []

@description('Whether browsers may send credentials (cookies, Authorization) cross-origin; not with *.')
param corsAllowCredentials bool = false

var suffix = uniqueString(resourceGroup().id, name)
var storageAccountName = take(toLower('st${replace(name, '-', '')}${suffix}'), 24)
var deploymentContainerName = 'app-package'
var roles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${name}'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
}

// Blob: the deployment package and the host's timer locks; queue: the host's internals; table: the product's data.
resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [roles.blobDataOwner, roles.tableDataContributor, roles.queueDataContributor]: {
    name: guid(storage.id, identity.id, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

module monitoring 'monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: name
    location: location
    logRetentionInDays: logRetentionInDays
    publisherPrincipalId: identity.properties.principalId
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}'
  location: location
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

// No FUNCTIONS_WORKER_RUNTIME: Flex Consumption rejects it and takes the worker from functionAppConfig.runtime.
var baseSettings = [
  { name: 'AzureWebJobsStorage__accountName', value: storage.name }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: monitoring.outputs.connectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
  { name: 'Storage__TableServiceUri', value: storage.properties.primaryEndpoints.table }
  { name: 'Storage__ManagedIdentityClientId', value: identity.properties.clientId }
  { name: 'Admin__Key', value: adminKey }
]
var prefixSettings = empty(tablePrefix) ? [] : [{ name: 'Storage__TablePrefix', value: tablePrefix }]
var timerSettings = [for timer in items(timerSchedules): { name: 'Timers__${timer.key}', value: timer.value }]

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      // CORS is the platform's in Azure; the local host applies the same settings (Cors__AllowedOrigins, Cors__AllowCredentials).
      cors: { allowedOrigins: corsAllowedOrigins, supportCredentials: corsAllowCredentials }
      appSettings: concat(baseSettings, prefixSettings, timerSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identity.id }
        }
      }
      scaleAndConcurrency: { instanceMemoryMB: instanceMemoryMB, maximumInstanceCount: maximumInstanceCount }
      // The package is framework-dependent (dotnet UsageFunctions.dll): the platform brings .NET 10.
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
  dependsOn: [storageRoles, deploymentContainer]
}

output appName string = app.name
output url string = 'https://${app.properties.defaultHostName}'
