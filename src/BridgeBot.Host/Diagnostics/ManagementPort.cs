namespace BridgeBot.Host.Diagnostics;

/// <summary>
/// A second listener for operators only (<c>Host:ManagementUrl</c>, e.g. <c>http://+:9464</c>): it serves the
/// Prometheus scrape at <c>/metrics</c> and nothing else, and the bot's endpoints are not served on it. The
/// Kubernetes Service and ingress and the Azure Container App ingress expose only the bot's port, so the
/// management port is reachable inside the pod network (a Prometheus scraping pods) and nowhere else.
/// Unset (the default outside the container image): no management listener and no /metrics.
/// </summary>
internal static class ManagementPort
{
    public const string UrlSetting = "Host:ManagementUrl";
    public const string MetricsPath = "/metrics";

    public static string? UrlFrom(IConfiguration configuration) =>
        configuration[UrlSetting] is { Length: > 0 } url ? url : null;

    /// <summary>The port of a Kestrel URL; <c>+</c> and <c>*</c> stand for every address.</summary>
    public static int PortOf(string url)
    {
        var parsable = url.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(parsable, UriKind.Absolute, out var uri) && uri.Port > 0
            ? uri.Port
            : throw new InvalidOperationException($"{UrlSetting} '{url}' is not a URL with a port, e.g. http://+:9464.");
    }

    /// <summary>
    /// Adds the management URL to the ones Kestrel binds: to the configured Kestrel endpoints when there are any
    /// (they replace <c>urls</c>), otherwise next to <c>urls</c> (ASPNETCORE_URLS) or the loopback default.
    /// </summary>
    public static void Listen(WebApplicationBuilder builder, string defaultUrl)
    {
        var management = UrlFrom(builder.Configuration);
        if (builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            if (management is not null)
            {
                builder.Configuration["Kestrel:Endpoints:Management:Url"] = management;
            }

            return;
        }

        var urls = builder.Configuration["urls"] is { Length: > 0 } configured ? configured : defaultUrl;
        if (management is null && urls == builder.Configuration["urls"])
        {
            return;
        }

        // Not in appsettings.json: a file value would override ASPNETCORE_URLS, which containers rely on.
        builder.WebHost.UseUrls(management is null ? urls : $"{urls};{management}");
    }

    /// <summary>On the management port: the Prometheus scrape, and 404 for everything else (the bot's endpoints included).</summary>
    public static void UseManagementPort(this WebApplication app)
    {
        if (UrlFrom(app.Configuration) is not { } url)
        {
            return;
        }

        var port = PortOf(url);
        app.UseWhen(context => context.Connection.LocalPort == port, management =>
        {
            management.UseOpenTelemetryPrometheusScrapingEndpoint(MetricsPath);
            management.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
    }
}
