namespace BridgeBot.Host.Tests.Reliability;

using Microsoft.Extensions.Logging.Testing;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BridgeBot.Host.Tests.Operations;
using BridgeBot.Graph;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// Bad input from unauthenticated callers, against the real Kestrel server: refused with its status (413, 408) and
/// one short log line, never an unhandled exception or a line per entry.
/// </summary>
public sealed class BadInputLogTests : IAsyncLifetime, IDisposable
{
    private readonly FakeLoggerProvider _logs = new();
    private FakeGraph _graph = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraph.StartAsync();
        _factory = MeetingsAndGraphHostileInputTests.Configured(_graph.BaseUrl).WithWebHostBuilder(b =>
        {
            b.ConfigureLogging(l => l.AddProvider(_logs));
            b.ConfigureTestServices(s => s.Configure<KestrelServerOptions>(k =>
                k.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 100, gracePeriod: TimeSpan.FromSeconds(1.5))));
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        _client = _factory.CreateClient();

        // Startup (subscription, resync) logs on its own; the tests count only what their request adds.
        await _graph.Server.WaitForAsync(r => r.Path.EndsWith("/calendarView", StringComparison.Ordinal));
        await Task.Delay(500);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _graph.DisposeAsync();
    }

    public void Dispose() => _logs.Dispose();

    [Theory]
    [InlineData(GraphNotificationEndpoints.NotificationsPath)]
    [InlineData("/api/meetings")]
    [InlineData("/api/messages")]
    public async Task Post_ChunkedBodyOverTheCap_Returns413WithOneShortLine(string path)
    {
        var body = Encoding.UTF8.GetBytes("{\"value\":[\"" + new string('x', 600 * 1024) + "\"]}");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(new UnseekableStream(body)) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Api-Key", MeetingsAndGraphHostileInputTests.ApiKey);

        var lines = await LinesDuringAsync(async () =>
        {
            using var response = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        });

        AssertOneShortLine(lines);
    }

    [Theory]
    [InlineData(GraphNotificationEndpoints.NotificationsPath)]
    [InlineData("/api/meetings")]
    [InlineData("/api/messages")]
    public async Task Post_BodyTooSlow_Returns408WithOneShortLine(string path)
    {
        var lines = await LinesDuringAsync(async () =>
        {
            var address = new Uri(_client.BaseAddress!, path);
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, address.Port);
            var stream = tcp.GetStream();
            var head = $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n" +
                $"X-Api-Key: {MeetingsAndGraphHostileInputTests.ApiKey}\r\n\r\n{{\"value\":[";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

            using var reader = new StreamReader(stream, Encoding.ASCII);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var status = await reader.ReadLineAsync(timeout.Token);
            Assert.StartsWith("HTTP/1.1 408", status, StringComparison.Ordinal);
        });

        AssertOneShortLine(lines);
    }

    [Fact]
    public async Task GraphPost_ThousandsOfForgedNotifications_OneLine()
    {
        var forged = string.Join(",", Enumerable.Range(0, 3000).Select(i =>
            $$"""{"subscriptionId":"sub-{{i}}","clientState":"guess-{{i}}","changeType":"created","resource":"Users/u/Events/e{{i}}"}"""));
        using var content = new StringContent("{\"value\":[" + forged + "]}", Encoding.UTF8, "application/json");

        var lines = await LinesDuringAsync(async () =>
        {
            using var response = await _client.PostAsync(GraphNotificationEndpoints.NotificationsPath, content);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        });

        AssertOneShortLine(lines);
    }

    private async Task<IReadOnlyList<string>> LinesDuringAsync(Func<Task> act)
    {
        var before = _logs.Lines().Count;
        await act();
        await Task.Delay(300); // the server logs after the response is sent
        return _logs.Lines().Skip(before).ToList();
    }

    private static void AssertOneShortLine(IReadOnlyList<string> lines)
    {
        Assert.True(lines.Count == 1, $"{lines.Count} lines:\n" + string.Join("\n", lines.Select(l => l[..Math.Min(l.Length, 300)])));
        // The capturing provider appends every structured value; the message itself comes first.
        var message = lines[0].Split(" | ")[0];
        Assert.True(message.Length < 200, message);
        Assert.DoesNotContain("Exception", lines[0], StringComparison.Ordinal);
    }

    /// <summary>A stream that does not tell its length, so the request goes chunked.</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
