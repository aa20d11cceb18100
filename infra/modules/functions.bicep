@description('Name of the function app (also its default host name prefix).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app (must offer Flex Consumption).')
param location string

@description('Tags applied to the plan and the app; the app also gets azd-service-name.')
param tags object

@description('azd service name this app is deployed as (azure.yaml).')
param serviceName string = 'api'

@description('Name of the user-assigned identity the app runs as.')
param identityName string

@description('Name of the storage account for the host, the task hub, the product data and the deployment package.')
param storageAccountName string

@description('Blob container the app package is deployed to.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Durable task hub name (3-45 letters and digits); one per environment.')
param taskHubName string

@description('Versionless Key Vault URI of the SendGrid API key secret.')
param sendGridApiKeySecretUri string

@description('Versionless Key Vault URI of the review-link signing key secret.')
param reviewLinkSigningKeySecretUri string

@description('Versionless Key Vault URI of the operator key secret.')
param adminApiKeySecretUri string

@description('Sender address of every e-mail.')
param sendGridFromAddress string

@description('Sender display name of every e-mail.')
param sendGridFromName string = 'Microsoft co-sell review'

@description('Reviewer e-mail addresses (Review:Reviewers).')
param reviewers string[]

@description('Six-field CRON (seconds first) of the monthly ACR TTM re-evaluation.')
param reevaluationSchedule string

@description('Operator e-mail addresses for the monthly re-evaluation summary (Reevaluation:Admins).')
param reevaluationAdmins string[]

@description('Memory of one instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

var identityId = identity.id
// DefaultAzureCredential and AzureWebJobsStorage pick the user-assigned identity by its client id.
var identityClientId = identity.properties.clientId

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references (SendGrid__ApiKey, Approval__SigningKey, PartnerAuth__AdminKey) resolve as this identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Deployment goes through the identity-authenticated package container; basic-auth publishing stays off.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

var keyVaultReference = '@Microsoft.KeyVault(SecretUri={0})'

var reviewerSettings = toObject(range(0, length(reviewers)), i => 'Review__Reviewers__${i}', i => reviewers[i])
var adminSettings = toObject(range(0, length(reevaluationAdmins)), i => 'Reevaluation__Admins__${i}', i => reevaluationAdmins[i])

// Same keys as local.settings.sample.json; in Azure: service URIs + managed identity instead of connection strings,
// secrets as Key Vault references. Flex Consumption sets FUNCTIONS_WORKER_RUNTIME from functionAppConfig.runtime.
var coreSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  TaskHubName: taskHubName
  CoSell__ReevaluationSchedule: reevaluationSchedule
  CoSellStorage__TableServiceUri: storage.properties.primaryEndpoints.table
  CoSellStorage__BlobServiceUri: storage.properties.primaryEndpoints.blob
  CoSellStorage__QueueServiceUri: storage.properties.primaryEndpoints.queue
  CoSellStorage__ManagedIdentityClientId: identityClientId
  Collateral__ContainerName: 'collateral'
  SendGrid__ApiKey: format(keyVaultReference, sendGridApiKeySecretUri)
  SendGrid__FromAddress: sendGridFromAddress
  SendGrid__FromName: sendGridFromName
  Approval__SigningKey: format(keyVaultReference, reviewLinkSigningKeySecretUri)
  PartnerAuth__AdminKey: format(keyVaultReference, adminApiKeySecretUri)
  Review__PublicBaseUrl: 'https://${app.properties.defaultHostName}'
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: union(coreSettings, reviewerSettings, adminSettings)
}

output name string = app.name
output uri string = 'https://${app.properties.defaultHostName}'
