namespace BridgeBot.TestKit;

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>One request a <see cref="RecordingHttpServer"/> received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body as received, for binary payloads (OTLP protobuf) that do not survive decoding as text.</summary>
    public byte[] BodyBytes { get; init; } = [];

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>What a <see cref="RecordingHttpServer"/> answers.</summary>
public sealed record CannedResponse(int Status, string Body, string ContentType = "application/json")
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public TimeSpan Delay { get; init; }

    public static CannedResponse Json(string body, int status = 200) => new(status, body);
}

/// <summary>
/// A Kestrel server on a free loopback port standing in for a remote API (Bot Connector, Slack Web API, Graph,
/// token endpoints). It records every request and answers with what the test's responder returns.
/// </summary>
public sealed class RecordingHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private Func<RecordedRequest, CannedResponse> _responder = _ => CannedResponse.Json("{}");

    private RecordingHttpServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The server's address, ending in a slash, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public string BaseUrl { get; }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <param name="responder">How to answer each request.</param>
    /// <param name="http2Only">Cleartext HTTP/2 with prior knowledge only, as gRPC clients (the OTLP grpc exporter) speak it.</param>
    public static async Task<RecordingHttpServer> StartAsync(Func<RecordedRequest, CannedResponse>? responder = null, bool http2Only = false)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        if (http2Only)
        {
            builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        }

        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new RecordingHttpServer(app, $"http://127.0.0.1:{port}/");
        if (responder is not null)
        {
            server._responder = responder;
        }

        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Replaces how the server answers from now on.</summary>
    public void Respond(Func<RecordedRequest, CannedResponse> responder) => _responder = responder;

    /// <summary>Waits until at least <paramref name="count"/> requests matching <paramref name="match"/> arrived.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(Func<RecordedRequest, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = Requests.Where(match).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            System.Text.Encoding.UTF8.GetString(bytes))
        {
            BodyBytes = bytes,
        };
        _requests.Enqueue(request);

        var response = _responder(request);
        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay);
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body);
    }
}
