namespace BridgeBot.Graph;

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using BridgeBot.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>How a Graph call went, in the cases callers act on.</summary>
internal enum GraphStatus
{
    Ok,
    NotFound,
    Forbidden,
    Failed,
}

/// <summary>
/// The Graph calls meeting coverage needs: subscriptions, calendar events, attendees, app installation. Each call is
/// logged at Debug with its path redacted: Graph URLs name mailboxes, event ids and filters.
/// </summary>
/// <remarks>
/// Retries with Retry-After, timeouts and the circuit breaker are the pipeline of <see cref="GraphHttpClients.Graph"/>,
/// and the token is its <see cref="GraphTokenHandler"/>.
/// </remarks>
internal sealed partial class GraphClient(HttpClient http, IOptions<GraphOptions> options, BridgeBotMetrics metrics, ILogger<GraphClient> logger)
{
    private static readonly HttpRequestOptionsKey<string> Operation = new(BridgeBotTracing.OperationOption);

    // Path segments that are Graph's own words; every other segment (a mailbox, a user or event id) is replaced.
    private static readonly HashSet<string> PathWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "v1.0", "beta", "users", "events", "calendarView", "subscriptions", "reauthorize", "groups", "transitiveMembers",
        "microsoft.graph.user", "teamwork", "installedApps", "appCatalogs", "teamsApps",
    };

    private const string EventFields = "id,iCalUId,subject,isCancelled,isOrganizer,start,end,organizer,attendees,onlineMeeting,seriesMasterId,type";
    private GraphOptions Settings => options.Value;

    public async Task<(GraphStatus Status, GraphSubscription? Subscription)> CreateSubscriptionAsync(
        string mailbox, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var body = new GraphSubscription(null, $"/users/{mailbox}/events", "created,updated,deleted",
            Settings.NotificationUrl, Settings.LifecycleUrl, expires, Settings.ClientState);
        return await SendAsync(HttpMethod.Post, "subscriptions", body, GraphJsonContext.Default.GraphSubscription,
            GraphJsonContext.Default.GraphSubscription, cancellationToken);
    }

    public async Task<GraphStatus> RenewSubscriptionAsync(string id, DateTimeOffset expires, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Patch, $"subscriptions/{Uri.EscapeDataString(id)}", new GraphSubscriptionPatch(expires),
            GraphJsonContext.Default.GraphSubscriptionPatch, GraphJsonContext.Default.GraphSubscription, cancellationToken)).Status;

    public async Task<GraphStatus> ReauthorizeSubscriptionAsync(string id, CancellationToken cancellationToken) =>
        (await SendAsync<object, GraphSubscription>(HttpMethod.Post, $"subscriptions/{Uri.EscapeDataString(id)}/reauthorize", null, null,
            null, cancellationToken)).Status;

    public Task<(GraphStatus Status, GraphEvent? Event)> GetEventAsync(string mailbox, string eventId, CancellationToken cancellationToken) =>
        SendAsync<object, GraphEvent>(HttpMethod.Get,
            $"users/{Uri.EscapeDataString(mailbox)}/events/{Uri.EscapeDataString(eventId)}?$select={EventFields}",
            null, null, GraphJsonContext.Default.GraphEvent, cancellationToken);

    /// <summary>The organizer's online meeting with this join URL (<c>GET /users/{id}/onlineMeetings?$filter=JoinWebUrl eq '…'</c>).</summary>
    public async Task<(GraphStatus Status, string? MeetingId)> FindOnlineMeetingAsync(string organizer, string joinUrl, CancellationToken cancellationToken)
    {
        var filter = Uri.EscapeDataString($"JoinWebUrl eq '{joinUrl.Replace("'", "''", StringComparison.Ordinal)}'");
        var (status, page) = await SendAsync<object, GraphOnlineMeetingPage>(HttpMethod.Get,
            $"users/{Uri.EscapeDataString(organizer)}/onlineMeetings?$filter={filter}", null, null,
            GraphJsonContext.Default.GraphOnlineMeetingPage, cancellationToken);
        var id = page?.Value?.FirstOrDefault()?.Id;
        return status == GraphStatus.Ok && id is null ? (GraphStatus.NotFound, null) : (status, id);
    }

    /// <summary>The online meeting's attendance reports, one per session (Graph keeps the latest 50).</summary>
    public async Task<(GraphStatus Status, List<GraphAttendanceReport> Reports)> ListAttendanceReportsAsync(
        string organizer, string meetingId, CancellationToken cancellationToken)
    {
        var (status, page) = await SendAsync<object, GraphAttendanceReportPage>(HttpMethod.Get,
            $"users/{Uri.EscapeDataString(organizer)}/onlineMeetings/{Uri.EscapeDataString(meetingId)}/attendanceReports", null, null,
            GraphJsonContext.Default.GraphAttendanceReportPage, cancellationToken);
        return (status, page?.Value ?? []);
    }

    /// <summary>One attendance report with its records (<c>$expand=attendanceRecords</c>).</summary>
    public Task<(GraphStatus Status, GraphAttendanceReport? Report)> GetAttendanceReportAsync(
        string organizer, string meetingId, string reportId, CancellationToken cancellationToken) =>
        SendAsync<object, GraphAttendanceReport>(HttpMethod.Get,
            $"users/{Uri.EscapeDataString(organizer)}/onlineMeetings/{Uri.EscapeDataString(meetingId)}/attendanceReports/{Uri.EscapeDataString(reportId)}?$expand=attendanceRecords",
            null, null, GraphJsonContext.Default.GraphAttendanceReport, cancellationToken);

    /// <summary>The mailbox's copy of the meeting with this iCalendar uid (the same in every attendee's calendar).</summary>
    public async Task<(GraphStatus Status, GraphEvent? Event)> FindEventAsync(string mailbox, string iCalUId, CancellationToken cancellationToken)
    {
        var filter = Uri.EscapeDataString($"iCalUId eq '{iCalUId.Replace("'", "''", StringComparison.Ordinal)}'");
        var (status, page) = await SendAsync<object, GraphEventPage>(HttpMethod.Get,
            $"users/{Uri.EscapeDataString(mailbox)}/events?$filter={filter}&$select={EventFields}", null, null,
            GraphJsonContext.Default.GraphEventPage, cancellationToken);
        var found = page?.Value?.FirstOrDefault();
        return status == GraphStatus.Ok && found is null ? (GraphStatus.NotFound, null) : (status, found);
    }

    /// <summary>Every event of the mailbox between the two instants, following paging.</summary>
    public async Task<(GraphStatus Status, List<GraphEvent> Events)> ListEventsAsync(
        string mailbox, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var events = new List<GraphEvent>();
        string? next = string.Create(CultureInfo.InvariantCulture,
            $"users/{Uri.EscapeDataString(mailbox)}/calendarView?startDateTime={from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}&endDateTime={to.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}&$select={EventFields}&$top=100");
        while (next is not null)
        {
            var (status, page) = await SendAsync<object, GraphEventPage>(HttpMethod.Get, next, null, null,
                GraphJsonContext.Default.GraphEventPage, cancellationToken);
            if (status != GraphStatus.Ok || page is null)
            {
                return (status == GraphStatus.Ok ? GraphStatus.Failed : status, events);
            }

            events.AddRange(page.Value ?? []);
            next = page.NextLink;
        }

        return (GraphStatus.Ok, events);
    }

    /// <summary>Replaces the attendee list (Graph has no "add one attendee"; the caller sends the old list plus the new one).</summary>
    public async Task<GraphStatus> SetAttendeesAsync(string mailbox, string eventId, List<GraphAttendee> attendees, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Patch, $"users/{Uri.EscapeDataString(mailbox)}/events/{Uri.EscapeDataString(eventId)}",
            new GraphAttendeesPatch(attendees), GraphJsonContext.Default.GraphAttendeesPatch, GraphJsonContext.Default.GraphEvent, cancellationToken)).Status;

    /// <summary>Every user in the group, also through nested groups, following paging; a failed page fails the whole list.</summary>
    public async Task<(GraphStatus Status, List<GraphGroupMember> Members)> ListGroupUsersAsync(string groupId, CancellationToken cancellationToken)
    {
        var members = new List<GraphGroupMember>();
        string? next = $"groups/{Uri.EscapeDataString(groupId)}/transitiveMembers/microsoft.graph.user?$select=mail,userPrincipalName&$top=999";
        while (next is not null)
        {
            var (status, page) = await SendAsync<object, GraphGroupMemberPage>(HttpMethod.Get, next, null, null,
                GraphJsonContext.Default.GraphGroupMemberPage, cancellationToken, eventualConsistency: true);
            if (status != GraphStatus.Ok || page is null)
            {
                return (status == GraphStatus.Ok ? GraphStatus.Failed : status, []);
            }

            members.AddRange(page.Value ?? []);
            next = page.NextLink;
        }

        return (GraphStatus.Ok, members);
    }

    public async Task<GraphStatus> DeleteSubscriptionAsync(string id, CancellationToken cancellationToken) =>
        (await SendAsync<object, GraphSubscription>(HttpMethod.Delete, $"subscriptions/{Uri.EscapeDataString(id)}", null, null, null,
            cancellationToken)).Status;

    public async Task<string?> FindUserIdAsync(string email, CancellationToken cancellationToken) =>
        (await SendAsync<object, GraphUser>(HttpMethod.Get, $"users/{Uri.EscapeDataString(email)}?$select=id", null, null,
            GraphJsonContext.Default.GraphUser, cancellationToken)).Body?.Id;

    public async Task<GraphStatus> InstallAppForUserAsync(string user, string catalogAppId, CancellationToken cancellationToken)
    {
        var bind = new GraphAppInstall(new Uri(new Uri(Settings.BaseUrl), $"appCatalogs/teamsApps/{Uri.EscapeDataString(catalogAppId)}").ToString());
        var (status, _) = await SendAsync<GraphAppInstall, GraphSubscription>(HttpMethod.Post,
            $"users/{Uri.EscapeDataString(user)}/teamwork/installedApps", bind, GraphJsonContext.Default.GraphAppInstall, null, cancellationToken,
            conflictIsOk: true);
        return status;
    }

    private async Task<(GraphStatus Status, TResponse? Body)> SendAsync<TRequest, TResponse>(
        HttpMethod method, string relative, TRequest? body, JsonTypeInfo<TRequest>? requestType, JsonTypeInfo<TResponse>? responseType,
        CancellationToken cancellationToken, bool conflictIsOk = false, bool eventualConsistency = false,
        [CallerMemberName] string operation = "")
        where TResponse : class
    {
        var uri = Uri.TryCreate(relative, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? absolute
            : new Uri(new Uri(Settings.BaseUrl), relative);
        using var request = new HttpRequestMessage(method, uri);
        request.Options.Set(Operation, OperationName(operation));
        request.Headers.TryAddWithoutValidation("Prefer", "outlook.timezone=\"UTC\"");
        if (eventualConsistency)
        {
            // Directory queries with an OData cast have needed advanced query support in some tenants; harmless elsewhere.
            request.Headers.TryAddWithoutValidation("ConsistencyLevel", "eventual");
        }

        if (body is not null && requestType is not null)
        {
            request.Content = JsonContent.Create(body, requestType);
        }

        HttpResponseMessage sent;
        try
        {
            sent = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException ||
                                   (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            metrics.PlatformError("graph", OperationName(operation), "no_response");
            throw;
        }

        using var response = sent;
        LogCall(method, uri, (int)response.StatusCode);
        var status = response.StatusCode switch
        {
            _ when response.IsSuccessStatusCode => GraphStatus.Ok,
            HttpStatusCode.Conflict when conflictIsOk => GraphStatus.Ok,
            HttpStatusCode.NotFound => GraphStatus.NotFound,
            HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => GraphStatus.Forbidden,
            _ => GraphStatus.Failed,
        };
        // A missing event or user is an answer callers act on, not a failure of the platform.
        if (status is GraphStatus.Forbidden or GraphStatus.Failed)
        {
            metrics.PlatformError("graph", OperationName(operation), $"http_{(int)response.StatusCode}");
        }

        if (status != GraphStatus.Ok || responseType is null || response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Conflict)
        {
            return (status, null);
        }

        return (status, await response.Content.ReadFromJsonAsync(responseType, cancellationToken));
    }

    /// <summary>The path of <paramref name="uri"/> with every segment but Graph's own words replaced by <c>*</c>, without the query.</summary>
    internal static string Redact(Uri uri) =>
        string.Join('/', uri.AbsolutePath.Split('/').Select(segment => segment.Length == 0 || PathWords.Contains(segment) ? segment : "*"));

    private void LogCall(HttpMethod method, Uri uri, int status)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var path = Redact(uri);
            LogCall(logger, method.Method, path, status);
        }
    }

    [LoggerMessage(EventId = 659, Level = LogLevel.Debug, Message = "Graph {Method} {Path} answered {Status}.")]
    private static partial void LogCall(ILogger logger, string method, string path, int status);

    private static string OperationName(string member) =>
        member.EndsWith("Async", StringComparison.Ordinal) ? member[..^"Async".Length] : member;
}
