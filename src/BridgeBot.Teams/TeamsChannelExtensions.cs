namespace BridgeBot.Teams;

using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Teams.Auth;
using BridgeBot.Teams.Cards;
using BridgeBot.Teams.Connector;
using BridgeBot.Teams.Endpoint;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>Plugs the Teams channel into a host.</summary>
public static partial class TeamsChannelExtensions
{
    public const string MessagesPath = "/api/messages";

    /// <summary>Options (section <c>Teams</c>), the Bot Framework protocol pieces and the Teams <see cref="IReplyChannel"/>.</summary>
    public static IServiceCollection AddBridgeBotTeams(this IServiceCollection services)
    {
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();

        services.AddTeamsHttpClients();

        services.AddSingleton<BotFrameworkAuthenticator>();
        services.AddSingleton<IBotTokenProvider, MsalBotTokenProvider>();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<ConversationReferenceStore>();
        services.AddHostedService<ConversationReferenceFlusher>();
        services.AddSingleton<TeamsMessageRenderer>();
        services.AddSingleton<TeamsTurnResponder>();
        services.TryAddSingleton<BackgroundWork>();
        services.AddSingleton<TeamsActivityEndpoint>();
        services.AddSingleton<TeamsReplyChannel>();
        services.AddSingleton<IReplyChannel>(sp => sp.GetRequiredService<TeamsReplyChannel>());
        return services;
    }

    /// <summary><c>POST /api/messages</c> for activities and <c>HEAD /api/messages</c>, the Agents Playground's readiness probe.</summary>
    public static IEndpointRouteBuilder MapBridgeBotTeams(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("BridgeBot.Teams");
        if (!options.HasAppId)
        {
            if (services.GetRequiredService<IHostEnvironment>().IsDevelopment())
            {
                LogAnonymousDevelopment(logger, MessagesPath);
            }
            else
            {
                LogNotConfigured(logger, MessagesPath);
            }
        }

        var endpoint = services.GetRequiredService<TeamsActivityEndpoint>();
        endpoints.MapPost(MessagesPath, endpoint.HandleAsync);
        endpoints.MapMethods(MessagesPath, [HttpMethods.Head], context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        return endpoints;
    }

    [LoggerMessage(EventId = 3900, Level = LogLevel.Warning,
        Message = "Teams: no Teams:AppId configured. This Development host accepts UNAUTHENTICATED activities on {Path}, from loopback only. Never run it like this where others can reach it.")]
    private static partial void LogAnonymousDevelopment(ILogger logger, string path);

    [LoggerMessage(EventId = 3901, Level = LogLevel.Warning,
        Message = "Teams: no Teams:AppId configured; {Path} refuses every request until Teams:AppId, Teams:AppPassword and Teams:TenantId are set.")]
    private static partial void LogNotConfigured(ILogger logger, string path);
}
