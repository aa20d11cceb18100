@description('Name of the Key Vault (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the vault.')
param location string

@description('Tags applied to the vault.')
param tags object

@secure()
@description('SendGrid API key; stored as secret "sendgrid-api-key".')
param sendGridApiKey string

@secure()
@description('HMAC key of reviewer links (base64 of at least 32 random bytes); stored as secret "review-link-signing-key".')
param reviewLinkSigningKey string

@secure()
@description('Operator key for the admin routes (X-Admin-Key); stored as secret "admin-api-key".')
param adminApiKey string

// RBAC mode: access is granted with role assignments (rbac.bicep: Key Vault Secrets User for the app identity),
// never with access policies.
resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGridApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'sendgrid-api-key'
  properties: {
    value: sendGridApiKey
    contentType: 'text/plain'
  }
}

resource reviewLinkSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'review-link-signing-key'
  properties: {
    value: reviewLinkSigningKey
    contentType: 'text/plain'
  }
}

resource adminApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'admin-api-key'
  properties: {
    value: adminApiKey
    contentType: 'text/plain'
  }
}

// Versionless URIs: app settings that reference them pick up a rotated secret without a redeploy.
output name string = vault.name
output sendGridApiKeyUri string = sendGridApiKeySecret.properties.secretUri
output reviewLinkSigningKeyUri string = reviewLinkSigningKeySecret.properties.secretUri
output adminApiKeyUri string = adminApiKeySecret.properties.secretUri
