namespace BridgeBot.Slack;

using System.Text;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Slack.Api;
using BridgeBot.Slack.Configuration;
using BridgeBot.Slack.Handling;
using BridgeBot.Slack.Home;
using BridgeBot.Slack.Http;
using BridgeBot.Slack.SocketMode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>Plugs the Slack channel into a host: <c>services.AddBridgeBotSlack(config)</c> and <c>endpoints.MapBridgeBotSlack()</c>.</summary>
public static partial class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Slack channel when a <c>Slack</c> section exists; without one the channel stays off.
    /// A partial section fails startup (options validation) with the name of the missing setting. Also the App Home
    /// tabs and, with Slack on, the people who work there found by e-mail (<c>users.lookupByEmail</c>, cached).
    /// </summary>
    public static IServiceCollection AddBridgeBotSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RequestsHomeTab>();
        services.AddSingleton<ISlackHomeTab, ItTeamHomeTab>();
        services.AddSingleton<ISlackPeople>(sp => sp.GetService<SlackApiClient>() is { } api
            ? new SlackPeopleDirectory(api, sp.GetRequiredService<TimeProvider>())
            : new NoSlackPeople());

        var section = configuration.GetSection(SlackOptions.Section);
        if (!section.Exists())
        {
            services.TryAddSingleton(new SlackChannelStatus(false));
            return services;
        }

        services.AddSingleton(new SlackChannelStatus(true));
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSlackHttpClients();
        services.AddSingleton<SlackApiClient>();
        services.AddSingleton<People.SlackUserNames>();
        services.TryAddSingleton<BackgroundWork>();
        services.AddSingleton<SlackTurnRunner>();
        services.AddSingleton<Rendering.ModalViewCache>();
        services.AddSingleton<SlackCommandHandler>();
        services.AddSingleton<SlackInteractionHandler>();
        services.AddSingleton<SlackEventHandler>();
        services.TryAddSingleton<ISlackHomeTab, WelcomeHomeTab>();
        services.AddSingleton<IReplyChannel, SlackReplyChannel>();
        services.AddSingleton(sp => new SlackSignatureVerifier(
            Encoding.UTF8.GetBytes(sp.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret ?? string.Empty),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SlackEndpoints>();
        services.AddSingleton<SocketModeDispatcher>();
        services.AddHostedService<SocketModeService>();
        return services;
    }

    /// <summary>Maps /slack/commands, /slack/interactivity and /slack/events when the HTTP transport is configured.</summary>
    public static IEndpointRouteBuilder MapBridgeBotSlack(this IEndpointRouteBuilder endpoints)
    {
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("BridgeBot.Slack");
        var status = endpoints.ServiceProvider.GetService<SlackChannelStatus>();
        if (status is not { Enabled: true })
        {
            LogOff(logger);
            return endpoints;
        }

        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (!options.HttpEnabled)
        {
            LogSocketModeOnly(logger);
            return endpoints;
        }

        var handlers = endpoints.ServiceProvider.GetRequiredService<SlackEndpoints>();
        endpoints.MapPost("/slack/commands", handlers.CommandsAsync);
        endpoints.MapPost("/slack/interactivity", handlers.InteractivityAsync);
        endpoints.MapPost("/slack/events", handlers.EventsAsync);
        LogOn(logger, options.SocketModeEnabled ? "HTTP endpoints and Socket Mode" : "HTTP endpoints /slack/commands, /slack/interactivity, /slack/events");
        return endpoints;
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information,
        Message = "Slack channel: off. To turn it on set Slack:BotToken and Slack:SigningSecret (HTTP endpoints), or Slack:BotToken and Slack:AppToken (Socket Mode); see docs/slack.md.")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Slack channel: on ({Transport}).")]
    private static partial void LogOn(ILogger logger, string transport);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information,
        Message = "Slack channel: on (Socket Mode only; HTTP endpoints are not mapped because Slack:SigningSecret is not set).")]
    private static partial void LogSocketModeOnly(ILogger logger);
}

/// <summary>Whether the host configured the Slack channel.</summary>
public sealed record SlackChannelStatus(bool Enabled);
