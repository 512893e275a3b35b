namespace BridgeBot.Host.Tests.Dashboard;

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Priorities;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;
using BridgeBot.Host.Tests.Teams;
using BridgeBot.Teams;
using BridgeBot.TestKit;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

/// <summary>
/// The dashboard in a real browser (Debian's headless Chromium driven by Playwright) against the real host on a
/// loopback Kestrel port, Development: meetings come in through <c>POST /api/meetings</c>, the page's chart and
/// tables must show exactly what <c>GET /api/coverage</c> says, and "Assign" must ask the representative in Teams
/// (the fake Bot Connector records the 1:1 chat and the card).
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime, IDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    private const string ApiKey = "dashboard-test-key";
    private static readonly string[] Series = ["accepted", "attended", "waived"];
    private static readonly string[] SeriesFields = ["acceptedPercent", "attendedPercent", "waivedPercent"];

    private readonly int _port = FreePort.Next();
    private FakeBotFramework _teams = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<global::Program> _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    private string BaseUrl => $"http://127.0.0.1:{_port}";

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium (test.sh does).");
        _teams = await FakeBotFramework.StartAsync();
        _host = new BridgeBotFactory(new Dictionary<string, string?>
        {
            ["urls"] = BaseUrl,
            ["Teams:AppId"] = FakeBotFramework.AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:TenantId"] = FakeBotFramework.TenantId,
            ["Teams:OpenIdMetadataUrl"] = _teams.MetadataUrl,
            ["Teams:EntraOpenIdMetadataUrl"] = _teams.MetadataUrl,
            ["Teams:TokenAuthority"] = "https://login.fake.test/{TenantId}",
            ["Teams:DefaultServiceUrl"] = _teams.ServiceUrl,
            ["Meetings:TenantId"] = FakeBotFramework.TenantId,
            ["Meetings:IngestApiKey"] = ApiKey,
            ["Meetings:MarketingRoster:0"] = "mia@contoso.com",
            ["Meetings:MarketingRoster:1"] = "max@contoso.com",
            ["Meetings:ItRepresentatives:0"] = "ana@contoso.com",
            ["Meetings:ItRepresentatives:1"] = "ben@contoso.com",
            ["Meetings:UserIds:ana@contoso.com"] = "29:ana",
            ["Meetings:UserIds:ben@contoso.com"] = "29:ben",
            ["Meetings:ItLead"] = "lead@contoso.com",

            // The nudge dispatcher ticks once at start-up, before anything is seeded, and then not within the test:
            // whatever reaches the fake Connector comes from the dashboard's "Assign".
            ["Meetings:DispatchInterval"] = "01:00:00",
        }).WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddHttpClient(TeamsHttpClients.Token).AddHttpMessageHandler(() => new LoopbackRedirectHandler(_teams.Server.BaseUrl))));
        _host.UseKestrel();
        _host.StartServer();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _teams.DisposeAsync();
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Dashboard_SeededMeetings_ChartAndTablesEqualCoverageApiAndAssignAsksTheRep()
    {
        using var api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        await SeedAsync(api);
        var coverage = (await api.GetFromJsonAsync<JsonObject>("/api/coverage?weeks=12"))!;

        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 900, Height = 1600 } });
        await page.GotoAsync(BaseUrl + "/dashboard");
        await page.WaitForSelectorAsync("body[data-loaded=true]");

        // The chart: an SVG image with an accessible name, one point per week and series, at the API's percentages.
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Coverage trend" });
        Assert.Equal(1, await chart.CountAsync());
        var weeks = coverage["byWeek"]!.AsArray();
        Assert.True(weeks.Count >= 3, coverage.ToJsonString());
        foreach (var week in weeks)
        {
            var id = (string)week!["group"]!;
            var row = page.Locator($"#trend-table tr[data-week='{id}']");
            Assert.Equal(((int)week["meetings"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), await row.GetAttributeAsync("data-meetings"));
            for (var s = 0; s < Series.Length; s++)
            {
                var expected = Percent(week[SeriesFields[s]]!);
                Assert.Equal(expected, await row.Locator($"[data-series={Series[s]}]").GetAttributeAsync("data-percent"));
                Assert.Equal(expected, await page.Locator($"#trend-svg circle.{Series[s]}[data-week='{id}']").GetAttributeAsync("data-percent"));
            }
        }

        foreach (var organizer in coverage["byOrganizer"]!.AsArray())
        {
            var row = page.Locator($"#organizer-table tr[data-organizer='{(string)organizer!["group"]!}']");
            Assert.Equal(Percent(organizer["acceptedPercent"]!), await row.Locator("[data-series=accepted]").GetAttributeAsync("data-percent"));
        }

        Assert.Contains("open without sign-in", await page.Locator("#viewer").InnerTextAsync(), StringComparison.Ordinal);
        await ScreenshotIfAskedAsync(page);

        // "Assign" on the uncovered meeting: keyboard only, as a screen-reader user would.
        var assign = page.GetByRole(AriaRole.Button, new() { Name = "Assign someone from IT to Launch plan review" });
        await assign.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => { const t = document.getElementById('notice').textContent; return t && !t.startsWith('Assigning'); }");
        Assert.StartsWith("Done: asked ana@contoso.com", await page.Locator("#notice").InnerTextAsync(), StringComparison.Ordinal);
        var asked = await _teams.Server.WaitForAsync(r => r.Method == "POST" && r.Path.EndsWith("/activities", StringComparison.Ordinal) &&
            r.Body.Contains("Can you join this marketing meeting?", StringComparison.Ordinal) && r.Body.Contains("Launch plan review", StringComparison.Ordinal));

        Assert.Single(asked);
        Assert.Single(_teams.ConnectorCalls, r => r.Path == "/v3/conversations" && r.Body.Contains("29:ana", StringComparison.Ordinal));
    }

    private static string Percent(JsonNode value) =>
        ((double)value).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task SeedAsync(HttpClient api)
    {
        var now = DateTimeOffset.UtcNow;
        var rep = new { email = "ana@contoso.com", response = "Accepted" };
        var meetings = new[]
        {
            Meeting("w3-a", "Brand refresh kickoff", "mia@contoso.com", now.AddDays(-21), rep),
            Meeting("w3-b", "Agency briefing", "max@contoso.com", now.AddDays(-20)),
            Meeting("w2-a", "Webinar dry run", "mia@contoso.com", now.AddDays(-14), rep),
            Meeting("w2-b", "Campaign review", "mia@contoso.com", now.AddDays(-13), rep),
            Meeting("w2-c", "Campaign retro", "max@contoso.com", now.AddDays(-13)),
            Meeting("w1-a", "Newsletter planning", "max@contoso.com", now.AddDays(-7)),
            Meeting("w1-b", "Event vendor call", "mia@contoso.com", now.AddDays(-6), rep),
            Meeting("up-a", "Launch plan review", "mia@contoso.com", now.AddDays(2)),
            Meeting("up-b", "Social ads sync", "max@contoso.com", now.AddDays(3), new { email = "ben@contoso.com", response = "Accepted" }),
        };
        foreach (var meeting in meetings)
        {
            var response = await api.PostAsJsonAsync("/api/meetings", meeting);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        }

        // "No IT needed" is said in the chat; here it is recorded through the repository the dialog uses.
        await _host.Services.GetRequiredService<MeetingRepository>().UpdateAsync("api:w2-c",
            r => r! with { NoItReason = "Internal retro, no systems involved", NoItBy = "Mia" }, default);

        var requests = _host.Services.GetRequiredService<RequestRepository>();
        var requester = new Requester(ChannelKind.Slack, "T1", "U1", "Mia", "mia@contoso.com", new ConversationKey(ChannelKind.Slack, "T1", "D1"));
        ItRequest Request(string id, string title, string urgency, int daysAgo) => new(id, requester,
            new Dictionary<string, string> { [RequirementsForm.Title] = title, [RequirementsForm.Urgency] = urgency },
            RequestStatus.Submitted, now.AddDays(-daysAgo));
        await requests.CreateAsync(Request("ITR-1001", "CRM export for the spring campaign", "high", 40), default);
        await requests.CreateAsync(Request("ITR-1002", "Landing page form to HubSpot", "medium", 12), default);
        await requests.CreateAsync(Request("ITR-1003", "Event badge printer", "low", 2), default);

        var lead = new RequestActor(ChannelKind.Teams, "29:lead", "Lee (IT lead)");
        var decided = new BoardDecision(BoardChoice.ThisCycle, null, lead, now);
        var board = new PriorityBoard("2026-12", DateOnly.FromDateTime(now.UtcDateTime), DateOnly.FromDateTime(now.UtcDateTime.AddDays(30)), now, 20,
        [
            new BoardItem("ITR-1001", "CRM export for the spring campaign", requester, RequestStatus.Triaged, "high", 40, "BuiltToLast", "Marketing", null, 5, 1)
            {
                Decision = decided,
            },
            new BoardItem("ITR-1002", "Landing page form to HubSpot", requester, RequestStatus.Triaged, "medium", 12, "GoodEnough", "Marketing", null, 8, 0)
            {
                Decision = decided with { Choice = BoardChoice.NotThisCycle, Reason = "Waits for the CRM export" },
            },
        ],
        []);
        await _host.Services.GetRequiredService<BoardRepository>().TryCreateAsync(board, default);
    }

    private static object Meeting(string id, string title, string organizer, DateTimeOffset start, params object[] attendees) => new
    {
        id,
        source = "api",
        title,
        organizer = new { email = organizer, name = organizer.Split('@')[0] is var n ? char.ToUpperInvariant(n[0]) + n[1..] : organizer },
        start,
        end = start.AddHours(1),
        attendees,
    };

    // BRIDGEBOT_SCREENSHOT=path writes the README's picture of the dashboard.
    private static async Task ScreenshotIfAskedAsync(IPage page)
    {
        if (Environment.GetEnvironmentVariable("BRIDGEBOT_SCREENSHOT") is { Length: > 0 } path)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        }
    }
}
