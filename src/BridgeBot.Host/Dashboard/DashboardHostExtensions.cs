namespace BridgeBot.Host.Dashboard;

/// <summary>Plugs the IT lead's dashboard and its sign-in into the host.</summary>
internal static class DashboardHostExtensions
{
    /// <summary>The dashboard's sign-in (section <c>Dashboard</c>); the digest it shows is <c>AddBridgeBotDigest</c>.</summary>
    public static IServiceCollection AddBridgeBotDashboard(this IServiceCollection services, IConfiguration configuration) =>
        services.AddDashboardAuthentication(configuration);

    /// <summary>Authentication and authorization in the pipeline, then the page, its assets and its JSON.</summary>
    public static WebApplication MapBridgeBotDashboard(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDashboard();
        return app;
    }
}
