namespace BridgeBot.Host.Tests.Meetings;

using Microsoft.Extensions.Logging.Testing;
using BridgeBot.Host.Tests.Operations;
using BridgeBot.Host.Tests.Reliability;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

/// <summary>Graph calls name mailboxes in their URLs; the log gets them at Debug only, with the mailbox redacted.</summary>
public sealed class GraphClientLoggingTests : IAsyncLifetime, IDisposable
{
    private readonly FakeLoggerProvider _logs = new();
    private FakeGraph _graph = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraph.StartAsync();
        _factory = MeetingsAndGraphHostileInputTests.Configured(_graph.BaseUrl)
            .WithWebHostBuilder(b => b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddFilter(_ => true).AddProvider(_logs)));
        _ = _factory.Services;

        // Startup creates the subscription for mia@contoso.com and reads her calendar.
        await _graph.Server.WaitForAsync(r => r.Path.EndsWith("/calendarView", StringComparison.Ordinal));
        await Task.Delay(300);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _graph.DisposeAsync();
    }

    public void Dispose() => _logs.Dispose();

    [Fact]
    public void GraphCalls_NoLogLineNamesTheMailboxInAUrl()
    {
        Assert.DoesNotContain(_logs.Lines(), l =>
            l.Contains("users/mia", StringComparison.OrdinalIgnoreCase) || l.Contains("mia%40contoso.com", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void GraphCalls_LoggedAtDebugWithTheMailboxRedacted()
    {
        var calls = _logs.Lines().Where(l => l.Contains("BridgeBot.Graph.GraphClient", StringComparison.Ordinal)).ToList();

        Assert.Contains(calls, l => l.StartsWith("Debug ", StringComparison.Ordinal) && l.Contains("users/*/calendarView", StringComparison.Ordinal));
        Assert.All(calls, l => Assert.StartsWith("Debug ", l, StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines(), l => l.StartsWith("Information System.Net.Http.HttpClient", StringComparison.Ordinal));
    }
}
