namespace BridgeBot.Host.Tests;

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

/// <summary>GET /api/board and the scheduler that compiles the board when it is due, through the real host.</summary>
public sealed class PriorityBoardEndpointTests
{
    private const string DashboardKey = "dash-key-123";

    private static WebApplicationFactory<Program> Host(DateTimeOffset now, string? apiKey = DashboardKey) => Host(new FakeTimeProvider(now), apiKey);

    private static WebApplicationFactory<Program> Host(FakeTimeProvider time, string? apiKey = DashboardKey) =>
        new BridgeBotFactory().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Priorities:ReviewDay", "1");
            builder.UseSetting("Priorities:CompileDaysBefore", "2");
            if (apiKey is not null)
            {
                builder.UseSetting("Priorities:DashboardApiKey", apiKey);
            }

            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time));
        });

    private static HttpClient Client(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", DashboardKey);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task GetBoard_BeforeTheFirstBoardIsDue_SaysNoneAndWhenTheNextReviewIs()
    {
        await using var factory = Host(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        using var client = Client(factory);

        var response = await client.GetAsync(new Uri("/api/board", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal("none", json.GetProperty("status").GetString());
        Assert.Equal("2026-12-01", json.GetProperty("nextReview").GetString());
    }

    [Fact]
    public async Task Scheduler_WhenTheBoardIsDue_CompilesItAndTheEndpointShowsIt()
    {
        await using var factory = Host(new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero));
        using var client = Client(factory);

        // The scheduler ticks once at start-up in the background; wait for it, bounded.
        Assert.Equal("in-review", await WaitForBoardAsync(client));
        var json = await JsonAsync(await client.GetAsync(new Uri("/api/board", UriKind.Relative)));
        Assert.Equal("2026-12", json.GetProperty("cycleId").GetString());
        Assert.Equal(20, json.GetProperty("capacityDays").GetDecimal());
    }

    [Fact]
    public async Task Scheduler_BeforeCompileTime_WaitsAndCompilesAtTheTickAfterIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 23, 50, 0, TimeSpan.Zero));
        await using var factory = Host(time);
        using var client = Client(factory);
        Assert.Equal("none", await StatusAsync(client));

        // The 5-minute ticks at 23:55 and 00:00 on the compile day: only the second is due.
        time.Advance(TimeSpan.FromMinutes(5));
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("in-review", await WaitForBoardAsync(client));
    }

    [Fact]
    public async Task GetBoard_UnknownCycle_Is404()
    {
        await using var factory = Host(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        using var client = Client(factory);

        var response = await client.GetAsync(new Uri("/api/board?cycle=1999-01", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("1999-01", (await JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GetBoard_WithApiKeyConfigured_NeedsTheBearerKey()
    {
        await using var factory = Host(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), apiKey: DashboardKey);
        using var client = factory.CreateClient();

        var without = await client.GetAsync(new Uri("/api/board", UriKind.Relative));
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/board");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
        var withWrong = await client.SendAsync(wrong);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/board");
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DashboardKey);
        var withRight = await client.SendAsync(right);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withRight.StatusCode);
    }

    private static async Task<string?> StatusAsync(HttpClient client) =>
        (await JsonAsync(await client.GetAsync(new Uri("/api/board", UriKind.Relative)))).GetProperty("status").GetString();

    /// <summary>The board's status once the background scheduler has compiled it (polled, at most 10 seconds).</summary>
    private static async Task<string?> WaitForBoardAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var status = await StatusAsync(client);
        while (status == "none" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            status = await StatusAsync(client);
        }

        return status;
    }
}
