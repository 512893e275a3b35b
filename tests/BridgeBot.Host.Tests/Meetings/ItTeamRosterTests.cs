namespace BridgeBot.Host.Tests.Meetings;

using Microsoft.Extensions.Logging.Testing;
using System.Net;
using System.Text;
using System.Text.Json;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;
using BridgeBot.Host.Tests.Operations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>One IT team roster (<c>ItTeam:Members</c>) for requests and meetings; the older lists still work, with a warning.</summary>
public sealed class ItTeamRosterTests
{
    private static readonly Dictionary<string, string?> Team = new()
    {
        ["Meetings:IngestApiKey"] = MeetingJourneyHosts.ApiKey,
        ["Meetings:TenantId"] = "tenant-1",
        ["Meetings:MarketingRoster:0"] = "mia@contoso.com",
        ["ItTeam:Members:0:Name"] = "Ana",
        ["ItTeam:Members:0:Email"] = "ana@contoso.com",
        ["ItTeam:Members:0:TeamsAadObjectId"] = "oid-ana",
        ["ItTeam:Members:0:SlackUserId"] = "U0ANA",
        ["ItTeam:Members:1:Name"] = "Ben",
        ["ItTeam:Members:1:Email"] = "ben@contoso.com",
    };

    private static (WebApplicationFactory<Program> Host, FakeLoggerProvider Logs) Start(Dictionary<string, string?> settings)
    {
        var logs = new FakeLoggerProvider();
        var host = new BridgeBotFactory(settings).WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        return (host, logs);
    }

    private static async Task<string?> ProposedRepAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/meetings")
        {
            Content = new StringContent(MeetingJourneyHosts.MeetingJson("m1", DateTimeOffset.UtcNow.AddDays(3)), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", MeetingJourneyHosts.ApiKey);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("proposedRep").GetString();
    }

    [Fact]
    public async Task ItTeam_Configured_RotationAndTriageUseTheSameRoster()
    {
        var (host, _) = Start(Team);
        await using var _host = host;

        Assert.Equal("ana@contoso.com", await ProposedRepAsync(host.CreateClient()));
        var triage = host.Services.GetRequiredService<ItRepresentatives>();
        Assert.Equal("Ana", triage.Find(ChannelKind.Slack, new TurnUser("U0ANA", "ana", null, null))?.Name);
        var meetings = host.Services.GetRequiredService<MeetingsOptions>();
        Assert.Equal(["ana@contoso.com", "ben@contoso.com"], meetings.ItRepresentatives);
        Assert.Equal("oid-ana", meetings.UserIdFor("ana@contoso.com"));
        Assert.Equal("U0ANA", meetings.SlackUserIds["ana@contoso.com"]);
    }

    [Fact]
    public async Task LegacySettings_StillWork_AndStartupWarnsNamingItTeamMembers()
    {
        var (host, logs) = Start(new Dictionary<string, string?>
        {
            ["Meetings:IngestApiKey"] = MeetingJourneyHosts.ApiKey,
            ["Meetings:TenantId"] = "tenant-1",
            ["Meetings:MarketingRoster:0"] = "mia@contoso.com",
            ["Meetings:ItRepresentatives:0"] = "cy@contoso.com",
            ["Requests:ItRepresentatives:0:Name"] = "Cy",
            ["Requests:ItRepresentatives:0:SlackUserId"] = "U0CY",
        });
        await using var _host = host;

        Assert.Equal("cy@contoso.com", await ProposedRepAsync(host.CreateClient()));
        Assert.Equal("Cy", host.Services.GetRequiredService<ItRepresentatives>().Find(ChannelKind.Slack, new TurnUser("U0CY", "cy", null, null))?.Name);
        Assert.Contains(logs.Lines(), l => l.StartsWith("Warning", StringComparison.Ordinal) &&
            l.Contains("Meetings:ItRepresentatives is deprecated", StringComparison.Ordinal) && l.Contains("ItTeam:Members", StringComparison.Ordinal));
        Assert.Contains(logs.Lines(), l => l.StartsWith("Warning", StringComparison.Ordinal) &&
            l.Contains("Requests:ItRepresentatives is deprecated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ItTeam_MemberWithoutEmail_StartupFailsNamingTheSetting()
    {
        var settings = new Dictionary<string, string?>(Team) { ["ItTeam:Members:2:Name"] = "Dee", ["ItTeam:Members:2:SlackUserId"] = "U0DEE" };
        var (host, _) = Start(settings);
        await using var _host = host;

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains("ItTeam:Members:2:Email is required", error.ToString(), StringComparison.Ordinal);
    }
}
