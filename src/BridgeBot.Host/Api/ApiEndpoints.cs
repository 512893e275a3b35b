namespace BridgeBot.Host.Api;

using BridgeBot.Core.Meetings;
using BridgeBot.Host.Meetings;

/// <summary>
/// The HTTP API for dashboards and integrations: one <c>/api</c> route group with one authorization policy
/// (<see cref="ApiAuthorization"/>), problem details for every error and an OpenAPI document at
/// <c>/openapi/v1.json</c>. The chat platforms' own endpoints under /api (Teams activities, Graph notifications)
/// authenticate their callers themselves and are not in the group.
/// </summary>
internal static class ApiEndpoints
{
    public const string OpenApiPath = "/openapi/{documentName}.json";

    public static IServiceCollection AddBridgeBotApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddApiAuthorization(configuration);
        services.AddOpenApi(o =>
        {
            o.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer<ApiDocumentTransformer>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapBridgeBotApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api")
            .WithMetadata(new ApiGroupMarker())
            .RequireAuthorization(ApiAuthorization.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/board", BoardEndpoint.GetAsync)
            .WithName("GetBoard")
            .WithSummary("The priority board of a cycle (default: the latest) for dashboards.")
            .WithTags("Priorities")
            .WithMetadata(new RequiresApiRole(ApiRoles.BoardRead))
            .Produces<BoardDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/meetings", MeetingEndpoints.IngestAsync)
            .WithName("IngestMeeting")
            .WithSummary("Reports a scheduled meeting (from a calendar integration) for IT coverage.")
            .WithTags("Meetings")
            .WithMetadata(new RequiresApiRole(ApiRoles.MeetingsWrite))
            .Accepts<MeetingIngestDto>("application/json")
            .Produces<MeetingIngestResult>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();

        api.MapGet("/coverage", MeetingEndpoints.CoverageAsync)
            .WithName("GetCoverage")
            .WithSummary("IT coverage of marketing meetings per ISO week and per organizer.")
            .WithTags("Meetings")
            .WithMetadata(new RequiresApiRole(ApiRoles.CoverageRead))
            .Produces<CoverageReport>();

        endpoints.MapOpenApi(OpenApiPath);
        return endpoints;
    }
}
