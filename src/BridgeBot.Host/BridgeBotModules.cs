namespace BridgeBot.Host;

using BridgeBot.Core;
using BridgeBot.Core.Digest;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Priorities;
using BridgeBot.Core.Requests;
using BridgeBot.Graph;
using BridgeBot.Host.Api;
using BridgeBot.Host.Dashboard;
using BridgeBot.Host.Migration;
using BridgeBot.Slack;
using BridgeBot.State.Redis;
using BridgeBot.Teams;

/// <summary>
/// The list of modules: each project registers itself, its options and validators. The order matters where a module
/// fills what an earlier one left empty (Redis before Core's in-memory stores; Slack, Teams and Graph fill Meetings'
/// seams), and hosted services start in this order and stop in reverse.
/// </summary>
internal static class BridgeBotModules
{
    public static WebApplicationBuilder AddBridgeBot(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.AddBridgeBotHost();
        builder.Services
            .AddBridgeBotRedisState(configuration)
            .AddBridgeBotCore()
            .AddBridgeBotRequests()
            .AddBridgeBotPriorities()
            .AddBridgeBotSlack(configuration)
            .AddBridgeBotTeams()
            .AddBridgeBotMeetings()
            .AddBridgeBotGraph(configuration)
            .AddBridgeBotDigest()
            .AddBridgeBotDashboard(configuration)
            .AddBridgeBotApi(configuration)
            .AddBridgeBotLayoutMigration();
        return builder;
    }

    public static WebApplication MapBridgeBot(this WebApplication app)
    {
        app.MapBridgeBotHost();
        app.MapBridgeBotDashboard();
        app.MapBridgeBotApi();
        app.MapBridgeBotSlack();
        app.MapBridgeBotTeams();
        app.MapBridgeBotGraph();
        return app;
    }
}
