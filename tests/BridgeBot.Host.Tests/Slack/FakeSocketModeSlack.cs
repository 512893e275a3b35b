namespace BridgeBot.Host.Tests.Slack;

using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

/// <summary>
/// Slack's side of Socket Mode on loopback: <c>apps.connections.open</c> hands out a ws:// URL, each
/// connection gets <c>hello</c> and then whatever frames the test queues; acks and Web API calls are recorded.
/// </summary>
internal sealed class FakeSocketModeSlack : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<string> _outgoing = Channel.CreateUnbounded<string>();
    private int _opens;

    private FakeSocketModeSlack(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Queue this to make the server drop the connection without a close frame.</summary>
    public const string DropConnection = "!drop";

    public string BaseUrl { get; }

    public int Opens => Volatile.Read(ref _opens);

    public int Connections { get; private set; }

    public ConcurrentQueue<string> Acks { get; } = new();

    public ConcurrentQueue<(string Path, string Authorization, string Body)> ApiCalls { get; } = new();

    public static async Task<FakeSocketModeSlack> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSocketModeSlack(app, $"http://127.0.0.1:{port}/");
        app.UseWebSockets();
        app.MapPost("/api/apps.connections.open", (HttpContext context) =>
        {
            var n = Interlocked.Increment(ref fake._opens);
            fake.ApiCalls.Enqueue(("/api/apps.connections.open", context.Request.Headers.Authorization.ToString(), string.Empty));
            return Results.Text($$"""{"ok":true,"url":"ws://127.0.0.1:{{port}}/link?n={{n}}"}""", "application/json");
        });
        app.MapPost("/api/{method}", async (HttpContext context, string method) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            fake.ApiCalls.Enqueue(("/api/" + method, context.Request.Headers.Authorization.ToString(), await reader.ReadToEndAsync()));
            return Results.Text("""{"ok":true}""", "application/json");
        });
        app.Map("/link", fake.ServeAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>Queues a frame for whichever connection is open now or next.</summary>
    public void Send(string frame) => _outgoing.Writer.TryWrite(frame);

    public async Task<IReadOnlyList<string>> WaitForAcksAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Acks.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return Acks.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        Connections++;
        await SendAsync(socket, """{"type":"hello","num_connections":1,"connection_info":{"app_id":"A0APP"}}""");
        var receiving = ReceiveAcksAsync(socket);
        try
        {
            while (socket.State == WebSocketState.Open && await _outgoing.Reader.WaitToReadAsync(context.RequestAborted))
            {
                if (!_outgoing.Reader.TryRead(out var frame))
                {
                    continue;
                }

                if (frame == DropConnection)
                {
                    // A dead connection: no close handshake, the TCP connection just goes away.
                    context.Abort();
                    return;
                }

                await SendAsync(socket, frame);
                if (frame.Contains("\"disconnect\"", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Server stopping.
        }

        await receiving;
    }

    private async Task ReceiveAcksAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                Acks.Enqueue(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
        }
        catch (WebSocketException)
        {
            // The client went away.
        }
    }

    private static Task SendAsync(WebSocket socket, string frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);
}
