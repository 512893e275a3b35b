// BridgeBot on Azure: Container App (2+ replicas) + Azure Cache for Redis + Key Vault + Azure Bot (single-tenant)
// with the Teams channel. Deploy into a resource group (see docs/operations.md, "Deploy on Azure (Bicep)"):
//   az deployment group create -g rg-bridgebot -f infra/azure/main.bicep -p infra/azure/main.parameters.json \
//     -p teamsAppPassword=... slackSigningSecret=... slackBotToken=... meetingsIngestApiKey=...
// Secrets go into Key Vault only; the Container App reads them through its user-assigned managed identity.
targetScope = 'resourceGroup'

@description('Short prefix for resource names (lowercase letters and digits).')
@minLength(3)
@maxLength(12)
param namePrefix string = 'bridgebot'

param location string = resourceGroup().location

@description('Container image of the host, e.g. myregistry.azurecr.io/bridgebot:1.0.0 (built from infra/Dockerfile).')
param image string

@description('Name of an Azure Container Registry in this resource group that holds the image; the app pulls with its managed identity (AcrPull is granted here). Empty for a public image.')
param acrName string = ''

@description('Application (client) id of the single-tenant Microsoft Entra app registration of the bot.')
param teamsAppId string

@description('Tenant of that app registration.')
param teamsTenantId string = tenant().tenantId

@secure()
@description('Client secret of the bot app registration (Teams__AppPassword).')
param teamsAppPassword string

@secure()
@description('Slack app signing secret; leave empty to run without Slack.')
param slackSigningSecret string = ''

@secure()
@description('Slack bot token (xoxb-...); leave empty to run without Slack.')
param slackBotToken string = ''

@secure()
@description('Shared secret that callers of POST /api/meetings present; leave empty to disable that endpoint.')
param meetingsIngestApiKey string = ''

@description('Azure Bot pricing tier. F0 is free (standard channels such as Teams are free on either).')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('Redis tier. Standard has a replica and an SLA; Premium adds RDB/AOF persistence to storage (see docs/operations.md, "Deploy on Azure (Bicep)").')
@allowed(['Standard', 'Premium'])
param redisSku string = 'Standard'

@minValue(2)
param minReplicas int = 2

@minValue(2)
param maxReplicas int = 6

var suffix = uniqueString(resourceGroup().id)
var keyVaultName = take('kv-${namePrefix}-${suffix}', 24)
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
// Built-in role "AcrPull".
var acrPullRole = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${namePrefix}'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${namePrefix}-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource redis 'Microsoft.Cache/redis@2024-03-01' = {
  name: 'redis-${namePrefix}-${suffix}'
  location: location
  properties: {
    sku: {
      name: redisSku
      family: redisSku == 'Premium' ? 'P' : 'C'
      capacity: 1
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    // Azure Cache has no appendfsync setting. Standard keeps data in memory on a primary and an asynchronously
    // replicated replica (no disk); Premium's AOF persistence writes to storage about once a second. Neither
    // matches infra/'s appendfsync always: a failover or full cache loss can drop the last acknowledged writes.
    redisConfiguration: {
      // Azure's default is volatile-lru; BridgeBot's requests and dialog state must never be evicted.
      'maxmemory-policy': 'noeviction'
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

// The secrets that come from parameters: Key Vault / Container App secret name, the host setting it feeds, value.
// An empty optional one is left out entirely: the host treats a present-but-empty setting as configured.
var parameterSecrets = filter(
  [
    { name: 'teams-app-password', setting: 'Teams__AppPassword', value: teamsAppPassword }
    { name: 'slack-signing-secret', setting: 'Slack__SigningSecret', value: slackSigningSecret }
    { name: 'slack-bot-token', setting: 'Slack__BotToken', value: slackBotToken }
    { name: 'meetings-ingest-api-key', setting: 'Meetings__IngestApiKey', value: meetingsIngestApiKey }
  ],
  s => !empty(s.value)
)
var redisSecret = { name: 'redis-configuration', setting: 'Redis__Configuration' }
var appSecrets = concat([redisSecret], map(parameterSecrets, s => { name: s.name, setting: s.setting }))

// The Redis connection string (host, TLS port, access key) is built here and never leaves Azure.
resource redisConfigurationSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: redisSecret.name
  properties: {
    value: '${redis.properties.hostName}:${redis.properties.sslPort},password=${redis.listKeys().primaryKey},ssl=True,abortConnect=False'
  }
}

resource vaultSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for s in parameterSecrets: {
    parent: vault
    name: s.name
    properties: { value: s.value }
  }
]

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = if (!empty(acrName)) {
  name: empty(acrName) ? 'none' : acrName
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(acrName)) {
  scope: registry
  name: guid(resourceGroup().id, acrName, identity.id, acrPullRole)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRole)
  }
}

resource containerEnv 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'cae-${namePrefix}'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'ca-${namePrefix}'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  // The identity must be able to read the vault before the app resolves its secret references.
  // Role assignments can take a minute or two to take effect; a first deployment may need a rerun (docs/operations.md, "Deploy on Azure (Bicep)").
  dependsOn: [secretsUser, acrPull, redisConfigurationSecret, vaultSecrets]
  properties: {
    managedEnvironmentId: containerEnv.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      // Key Vault references: the app resolves them with the managed identity; no secret value lives in the app.
      secrets: map(appSecrets, s => {
        name: s.name
        keyVaultUrl: '${vault.properties.vaultUri}secrets/${s.name}'
        identity: identity.id
      })
      registries: empty(acrName) ? [] : [{ server: '${acrName}${environment().suffixes.acrLoginServer}', identity: identity.id }]
    }
    template: {
      containers: [
        {
          name: 'bridgebot'
          image: image
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: concat(
            [
              { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
              { name: 'ASPNETCORE_URLS', value: 'http://+:8080' }
              // Prometheus /metrics on a port the ingress does not map (no additionalPortMappings): only the
              // environment's own agents reach it. Traces and metrics leave over OTLP when the environment's
              // OpenTelemetry agent (or a setting) provides OTEL_EXPORTER_OTLP_ENDPOINT.
              { name: 'Host__ManagementUrl', value: 'http://+:9464' }
              { name: 'Teams__AppId', value: teamsAppId }
              { name: 'Teams__TenantId', value: teamsTenantId }
            ],
            map(appSecrets, s => { name: s.setting, secretRef: s.name })
          )
          probes: [
            {
              type: 'Liveness'
              httpGet: { path: '/healthz', port: 8080 }
              initialDelaySeconds: 10
              periodSeconds: 10
            }
            {
              // 503 while Redis is unreachable: the replica gets no traffic but is not restarted.
              type: 'Readiness'
              httpGet: { path: '/readyz', port: 8080 }
              periodSeconds: 5
              failureThreshold: 2
            }
            {
              type: 'Startup'
              httpGet: { path: '/healthz', port: 8080 }
              periodSeconds: 2
              failureThreshold: 30
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http'
            http: { metadata: { concurrentRequests: '50' } }
          }
        ]
      }
    }
  }
}

var hostName = app.properties.configuration.ingress.fqdn

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${namePrefix}-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: 'BridgeBot'
    endpoint: 'https://${hostName}/api/messages'
    msaAppId: teamsAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: teamsTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('Public host name: pass it to manifests/teams/package.sh and use https://<it>/slack/... in the Slack manifest.')
output hostName string = hostName
output messagingEndpoint string = 'https://${hostName}/api/messages'
output keyVaultName string = vault.name
output botName string = bot.name
output managedIdentityClientId string = identity.properties.clientId
