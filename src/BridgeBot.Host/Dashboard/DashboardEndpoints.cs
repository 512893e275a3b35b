namespace BridgeBot.Host.Dashboard;

using System.Reflection;
using BridgeBot.Core.Digest;
using BridgeBot.Core.Priorities;

/// <summary>
/// <c>/dashboard</c>: the IT lead's page (signed in), <c>/dashboard/teams</c>: the same page as a Teams tab (the shell
/// holds no data; its script gets the tab's SSO token and sends it with every call), the JSON behind both under
/// <c>/dashboard/api</c>, and the page's assets, served from the host itself.
/// </summary>
internal static class DashboardEndpoints
{
    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["teams-js-2.58.0.min.js"] = "text/javascript; charset=utf-8",
        ["teams-js-LICENSE.txt"] = "text/plain; charset=utf-8",
    };

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dashboard", (HttpContext http) => Page(http, teams: false)).RequireAuthorization(DashboardAuthentication.Policy);
        endpoints.MapGet("/dashboard/teams", (HttpContext http) => Page(http, teams: true));
        endpoints.MapGet("/dashboard/assets/{name}", Asset);
        var api = endpoints.MapGroup("/dashboard/api").RequireAuthorization(DashboardAuthentication.Policy);
        api.MapGet("/summary", SummaryAsync);
        api.MapPost("/assign", AssignAsync);
        return endpoints;
    }

    private static IResult Page(HttpContext http, bool teams)
    {
        // The page is a shell without data; only the API behind it needs the viewer to be allowed.
        var html = Read("dashboard.html").Replace("{{MODE}}", teams ? "teams" : "browser", StringComparison.Ordinal);
        http.Response.Headers.ContentSecurityPolicy = teams
            ? "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors teams.microsoft.com *.teams.microsoft.com *.office.com *.cloud.microsoft"
            : "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static IResult Asset(string name, HttpContext http)
    {
        if (!Assets.TryGetValue(name, out var type))
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Text(Read(name), type);
    }

    private static async Task<IResult> SummaryAsync(
        HttpContext http, ItLeadSummaryReader reader, BoardRepository boards, DashboardAccess access, CancellationToken cancellationToken)
    {
        var summary = reader.ReadAsync(cancellationToken);
        var board = boards.LatestAsync(cancellationToken);
        await Task.WhenAll(summary, board);
        var viewer = access.IsMember(http.User)
            ? new DashboardViewer("signed-in", DashboardAccess.NameOf(http.User))
            : new DashboardViewer("development-loopback", null);
        return Results.Json(new DashboardDto(viewer, await summary, ToBoard((await board)?.Value)), DashboardJsonContext.Default.DashboardDto);
    }

    private static async Task<IResult> AssignAsync(AssignRequest? request, MeetingAssigner assigner, CancellationToken cancellationToken)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Meeting) || request.Meeting.Length > 512)
        {
            return Results.Json(new DashboardProblem("Send {\"meeting\": \"<meeting key>\"}."), DashboardJsonContext.Default.DashboardProblem,
                statusCode: StatusCodes.Status400BadRequest);
        }

        var outcome = await assigner.AssignAsync(request.Meeting, cancellationToken);
        return Results.Json(outcome, DashboardJsonContext.Default.AssignOutcome,
            statusCode: outcome.Rep is null ? StatusCodes.Status409Conflict : StatusCodes.Status200OK);
    }

    private static DashboardBoard? ToBoard(PriorityBoard? board)
    {
        if (board is null)
        {
            return null;
        }

        DashboardBoardItem Item(BoardItem i) => new(i.RequestId, i.Title, i.Requester.Name, i.Urgency, i.EstimateDays, i.Decision?.Reason);
        return new DashboardBoard(
            board.CycleId, board.Status == BoardStatus.Published ? "published" : "in-review", board.ReviewDate, board.EndsOn, board.CapacityDays,
            board.CommittedDays,
            board.Items.Where(i => i.Decision?.Choice == BoardChoice.ThisCycle).Select(Item).ToList(),
            board.Items.Where(i => i.Decision?.Choice == BoardChoice.NotThisCycle).Select(Item).ToList(),
            board.Items.Where(i => i.Decision is null).Select(Item).ToList());
    }

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("dashboard/" + name)
            ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded in the host.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
