namespace BridgeBot.Host.Tests.Migration;

using System.Net;
using System.Text.Json;
using BridgeBot.TestKit;

/// <summary>A host of this release started on a Redis written by the first layout migrates it before it is ready.</summary>
public sealed class LayoutMigrationAtStartTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const string ApiKey = "migration-test-key";

    private Task LoadLegacyAsync() => LegacyLayoutData.LoadAsync(
        redis.Connection, Path.Combine(RepoPaths.Root, "tests", "BridgeBot.State.Redis.Tests", "Migration", "legacy-layout-v1.json"));

    [Fact]
    public async Task Start_OnFirstLayoutData_ReadyWithTheOldMeetingsInTheReport()
    {
        await redis.ResetAsync();
        await LoadLegacyAsync();
        await using var factory = new BridgeBotFactory(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis.Redis.Configuration,
            ["Meetings:IngestApiKey"] = ApiKey,
            ["Meetings:TenantId"] = "tenant-1",
        });
        using var client = factory.CreateClient();

        var ready = await client.GetAsync("/readyz");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/coverage?weeks=60");
        request.Headers.Add("X-Api-Key", ApiKey);
        var coverage = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, coverage.StatusCode);
        using var report = JsonDocument.Parse(await coverage.Content.ReadAsStringAsync());
        var weeks = report.RootElement.GetProperty("byWeek").EnumerateArray()
            .Select(w => $"{w.GetProperty("group").GetString()}={w.GetProperty("meetings").GetInt32()}").ToList();
        Assert.Equal(["2026-W46=2", "2026-W45=2"], weeks);
        Assert.Empty(redis.Connection.KeysEverywhere("bridgebot:{meeting}:*"));
    }
}
