namespace BridgeBot.Graph;

using BridgeBot.Core.Meetings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

/// <summary>Registers Graph calendar watching, invites and proactive installation when section <c>Graph</c> is configured.</summary>
public static class GraphServiceCollectionExtensions
{
    public static IServiceCollection AddBridgeBotGraph(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphOptions>, GraphOptionsValidator>();
        var settings = configuration.GetSection(GraphOptions.Section).Get<GraphOptions>() ?? new GraphOptions();
        if (!settings.IsConfigured)
        {
            return services;
        }

        services.TryAddSingleton<IGraphTokenSource, MsalGraphTokenSource>();
        services.AddGraphHttpClients();
        services.AddSingleton<GraphNotificationQueue>();
        services.AddSingleton<GraphChangeProcessor>();
        services.AddSingleton<GraphSubscriptionTable>();
        services.AddSingleton<GraphSubscriptionManager>();
        services.AddSingleton<GraphMarketingRoster>();
        services.Replace(ServiceDescriptor.Singleton<IMarketingRoster>(sp => sp.GetRequiredService<GraphMarketingRoster>()));
        services.Replace(ServiceDescriptor.Singleton<IMeetingCalendar, GraphMeetingCalendar>());
        services.Replace(ServiceDescriptor.Singleton<ITeamsAppInstaller, GraphTeamsAppInstaller>());
        services.Replace(ServiceDescriptor.Singleton<IPeopleDirectory, GraphPeopleDirectory>());
        services.Replace(ServiceDescriptor.Singleton<IAttendanceReports, GraphAttendanceReports>());
        services.AddHostedService<GraphRosterStartup>();
        services.AddHostedService<GraphNotificationWorker>();
        services.AddHostedService<GraphSubscriptionService>();
        return services;
    }
}

/// <summary>A configured Graph section must be complete; each message names the missing setting.</summary>
internal sealed class GraphOptionsValidator : IValidateOptions<GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        if (!options.IsConfigured)
        {
            var given = new[] { options.TenantId, options.ClientId, options.ClientSecret }.Count(v => !string.IsNullOrWhiteSpace(v));
            return given == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    "Graph:TenantId, Graph:ClientId and Graph:ClientSecret go together; set all three (or none to turn calendar watching off).");
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.NotificationUrl) || !Uri.TryCreate(options.NotificationUrl, UriKind.Absolute, out _))
        {
            errors.Add("Graph:NotificationUrl (the public URL of /api/graph/notifications) is required when Graph:ClientId is set.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientState) || options.ClientState.Length > 128)
        {
            errors.Add("Graph:ClientState (a secret of at most 128 characters) is required when Graph:ClientId is set.");
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out _) || !options.BaseUrl.EndsWith('/'))
        {
            errors.Add("Graph:BaseUrl must be an absolute URL ending in '/'.");
        }

        if (options.SubscriptionLifetime <= options.RenewBefore)
        {
            errors.Add("Graph:SubscriptionLifetime must be longer than Graph:RenewBefore.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
