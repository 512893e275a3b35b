namespace BridgeBot.Host.Diagnostics;

using System.Diagnostics;
using BridgeBot.Core.Diagnostics;
using Microsoft.Extensions.Http;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Polly.Telemetry;

/// <summary>
/// OpenTelemetry for the host: traces (inbound requests, the BridgeBot turn, dialog and state spans, every outbound
/// HTTP call), metrics (the BridgeBot meter, ASP.NET Core, runtime) and logs with the trace id. The
/// standard <c>OTEL_*</c> settings apply; with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, all three signals go there
/// over OTLP (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>: <c>grpc</c> or <c>http/protobuf</c>). Metrics are also scraped
/// in the Prometheus format on the management port (<see cref="ManagementPort"/>).
/// </summary>
internal static class TelemetryHostExtensions
{
    public const string ServiceName = "bridgebot";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    // ASP.NET Core's meters that describe a bot host: requests (`http.server.*`), connections (`kestrel.*`),
    // handled exceptions, rate limiting and sign-ins. Not the instrumentation package's full list: Kestrel's memory
    // pool counts every buffer rented and returned (six measurements per request) and routing every match, which
    // together cost about 1.5 µs of CPU per request and answer nothing an operator of a bot asks (bench/RESULTS.md);
    // Blazor, SignalR and Identity are not used.
    private static readonly string[] AspNetCoreMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
    ];

    public static WebApplicationBuilder AddBridgeBotTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Logging.Configure(o =>
            o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        // The outermost handler of every client (inserted first, whatever the client added): it sees each logical
        // call once, after the client's own resilience pipeline. Registered for all names, it learns each one.
        builder.Services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(handlers =>
            handlers.AdditionalHandlers.Insert(0, new OutboundTelemetryHandler(
                OutboundTelemetryHandler.ApiName(handlers.Name ?? string.Empty), handlers.Services.GetRequiredService<BridgeBotMetrics>()))));

        // Polly reports every attempt: a successful one at Information (one line per outbound call on the hot path)
        // and a call that failed after its retries at Error. The clients log those failures themselves as
        // Warnings, and Error is for bugs, so both move one level down. Metrics of the pipeline are unaffected.
        builder.Services.ConfigureAll<TelemetryOptions>(o => o.SeverityProvider = e => e.Event.Severity switch
        {
            ResilienceEventSeverity.Information => ResilienceEventSeverity.Debug,
            ResilienceEventSeverity.Error or ResilienceEventSeverity.Critical => ResilienceEventSeverity.Warning,
            var severity => severity,
        });

        var telemetry = builder.Services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
        {
            telemetry.ConfigureResource(resource => resource.AddService(ServiceName));
        }

        telemetry
            .WithTracing(tracing => tracing
                .AddSource(BridgeBotTracing.SourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbeOrScrape(context.Request.Path))
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = RedactOutboundSpan))
            // No HttpClient meter: bridgebot.outbound.* already counts and times every outbound call by API, operation
            // and final status, and the per-attempt histograms cost about 3 µs of CPU per turn (bench/RESULTS.md);
            // each attempt is still a span.
            .WithMetrics(metrics => metrics
                .AddMeter(BridgeBotMetrics.MeterName)
                .AddMeter(AspNetCoreMeters)
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            // Reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS and _TIMEOUT itself; also exports logs.
            telemetry.WithLogging().UseOtlpExporter();
        }

        return builder;
    }

    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.Ordinal) || path.StartsWithSegments("/readyz", StringComparison.Ordinal) ||
        path.StartsWithSegments("/metrics", StringComparison.Ordinal);

    // Outbound paths carry conversation ids, activity ids and mailboxes: the span keeps the host, the API and the
    // operation, never the path or the query.
    private static void RedactOutboundSpan(Activity activity, HttpRequestMessage request)
    {
        var api = request.Options.TryGetValue(OutboundTelemetryHandler.ApiOption, out var name) ? name : "default";
        var operation = OutboundTelemetryHandler.OperationOf(request);
        activity.SetTag(BridgeBotTracing.ApiTag, api);
        activity.SetTag(BridgeBotTracing.OperationTag, operation);
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            activity.SetTag("url.full", $"{uri.Scheme}://{uri.Authority}/");
        }

        activity.DisplayName = $"{request.Method.Method} {api} {operation}";
    }
}
