targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it seeds every resource name and tags every resource (azd-env-name).')
param environmentName string

@minLength(1)
@description('Azure region for every resource; it must offer Flex Consumption.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@secure()
@description('SendGrid API key (Key Vault secret sendgrid-api-key).')
param sendGridApiKey string

@secure()
@description('HMAC key of reviewer links, base64 of at least 32 random bytes, e.g. `openssl rand -base64 32` (Key Vault secret review-link-signing-key).')
param reviewLinkSigningKey string

@secure()
@description('Operator key for the admin routes, sent as X-Admin-Key (Key Vault secret admin-api-key).')
param adminApiKey string

@description('Sender address of every e-mail (a SendGrid verified sender).')
param sendGridFromAddress string

@minLength(1)
@description('Reviewer e-mail addresses; each gets an own signed link.')
param reviewers string[]

@description('Six-field CRON (seconds first) of the monthly ACR TTM re-evaluation; default 03:00 UTC on the 1st.')
param reevaluationSchedule string = '0 0 3 1 * *'

@description('Operator e-mail addresses that receive the summary of each monthly re-evaluation.')
param reevaluationAdmins string[] = []

@description('Memory of one Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most Flex Consumption instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbrs.webSitesFunctions}${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'
// Task hub names are letters and digits only; the token keeps each environment's hub apart.
var taskHubName = 'cosell${resourceToken}'
var names = {
  identity: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
  logAnalytics: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: '${abbrs.insightsComponents}${resourceToken}'
  storage: '${abbrs.storageStorageAccounts}${resourceToken}'
  keyVault: '${abbrs.keyVaultVaults}${resourceToken}'
  plan: '${abbrs.webServerFarms}${resourceToken}'
  functionApp: functionAppName
}

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// The app's single identity: storage (host, task hub, product data), Key Vault references, telemetry, deployment.
module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    sendGridApiKey: sendGridApiKey
    reviewLinkSigningKey: reviewLinkSigningKey
    adminApiKey: adminApiKey
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  // Names (not outputs) keep What-If precise; the explicit dependencies order the deployment.
  dependsOn: [
    identity
    storage
    keyVault
    monitoring
  ]
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
  }
}

module functions 'modules/functions.bicep' = {
  name: 'functions'
  scope: rg
  // The host reads its storage and Key Vault references as the identity from its first start.
  dependsOn: [
    rbac
  ]
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityName: names.identity
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: names.applicationInsights
    taskHubName: taskHubName
    sendGridApiKeySecretUri: keyVault.outputs.sendGridApiKeyUri
    reviewLinkSigningKeySecretUri: keyVault.outputs.reviewLinkSigningKeyUri
    adminApiKeySecretUri: keyVault.outputs.adminApiKeyUri
    sendGridFromAddress: sendGridFromAddress
    reviewers: reviewers
    reevaluationSchedule: reevaluationSchedule
    reevaluationAdmins: reevaluationAdmins
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = functions.outputs.name
output SERVICE_API_URI string = functions.outputs.uri
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output COSELL_TASK_HUB_NAME string = taskHubName
