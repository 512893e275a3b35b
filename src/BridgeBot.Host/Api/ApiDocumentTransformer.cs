namespace BridgeBot.Host.Api;

using BridgeBot.Teams;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

/// <summary>
/// Completes the OpenAPI document: the API's two ways to authenticate, required on every operation of the
/// <c>/api</c> group, and the Bot Framework messaging endpoint, which is a raw request handler that the
/// endpoint explorer does not describe by itself.
/// </summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string ApiKeySchemeName = "ApiKey";
    public const string BearerSchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "BridgeBot API";
        document.Info.Description = "Dashboards and integrations. Authenticate with an API key (X-Api-Key) or an Entra ID access token.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeySchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "Meetings:IngestApiKey (meetings, coverage) or Priorities:DashboardApiKey (board); also accepted as 'Authorization: Bearer <key>'.",
        };
        document.Components.SecuritySchemes[BearerSchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An Entra ID access token with app role Board.Read, Meetings.Write or Coverage.Read (when Api:EntraAuthority is set).",
        };

        var requirement = new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiKeySchemeName, document)] = [],
            [new OpenApiSecuritySchemeReference(BearerSchemeName, document)] = [],
        };
        foreach (var (path, item) in document.Paths)
        {
            if (path is "/api/board" or "/api/meetings" or "/api/coverage" && item.Operations is { } operations)
            {
                foreach (var operation in operations.Values)
                {
                    operation.Security = [requirement];
                }
            }
        }

        document.Paths[TeamsChannelExtensions.MessagesPath] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = new()
                {
                    OperationId = "PostActivity",
                    Summary = "Bot Framework activities from Teams (authenticated by the Bot Connector's JWT, not by the API key).",
                    Tags = new HashSet<OpenApiTagReference> { new("Teams", document) },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse { Description = "Accepted; an invoke activity gets its invoke response." },
                        ["401"] = new OpenApiResponse { Description = "Missing or invalid Bot Connector token." },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
