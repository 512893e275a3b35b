namespace BridgeBot.TestKit;

using System.Collections.Concurrent;

/// <summary>A loopback Graph: subscriptions, one calendar's events, attendee PATCH and app installation.</summary>
public sealed class FakeGraph : IAsyncDisposable
{
    private int _subscriptions;

    private FakeGraph(RecordingHttpServer server) => Server = server;

    public RecordingHttpServer Server { get; }

    public string BaseUrl => Server.BaseUrl + "v1.0/";

    /// <summary>Event JSON by event id.</summary>
    public ConcurrentDictionary<string, string> Events { get; } = new();

    /// <summary>
    /// Online meetings by join URL: their id and attendance reports (one per session), each with the e-mail addresses
    /// of its attendance records. A report listed with no attendees yet answers as not written.
    /// </summary>
    public ConcurrentDictionary<string, (string MeetingId, List<(string Id, DateTimeOffset Start, DateTimeOffset End, string[] Attendees)> Reports)> OnlineMeetings { get; } = new();

    /// <summary>Subscription ids Graph has forgotten (PATCH answers 404).</summary>
    public ConcurrentBag<string> Removed { get; } = [];

    /// <summary>Object id of the one group this Graph knows; other groups answer 404.</summary>
    public string GroupId { get; set; } = "00000000-0000-0000-0000-0000000000aa";

    /// <summary>The group's transitive user members (mail may be null, as for accounts without a mailbox).</summary>
    public IReadOnlyList<(string? Mail, string Upn)> GroupMembers { get; set; } = [];

    /// <summary>How many members one page of the group listing holds (Graph allows up to 999).</summary>
    public int GroupPageSize { get; set; } = 999;

    /// <summary>When set, the group listing answers 503 from the page with this index on (0 = at once).</summary>
    public int? GroupFailsFromPage { get; set; }

    public static async Task<FakeGraph> StartAsync()
    {
        FakeGraph? graph = null;
        var server = await RecordingHttpServer.StartAsync(r => graph!.Answer(r));
        graph = new FakeGraph(server);
        return graph;
    }

    public IReadOnlyList<RecordedRequest> Requests(string method, string pathPrefix) =>
        Server.Requests.Where(r => r.Method == method && r.Path.StartsWith("/v1.0/" + pathPrefix, StringComparison.OrdinalIgnoreCase)).ToList();

    public static string Event(string id, string organizer, string subject, DateTimeOffset start, bool cancelled = false, params (string Email, string Response)[] attendees)
    {
        static string When(DateTimeOffset at) => "{\"dateTime\":\"" + at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff") + "\",\"timeZone\":\"UTC\"}";
        var people = string.Join(",", attendees.Select(a =>
            "{\"type\":\"required\",\"status\":{\"response\":\"" + a.Response + "\"},\"emailAddress\":{\"address\":\"" + a.Email + "\"}}"));
        return "{\"id\":\"" + id + "\",\"iCalUId\":\"ical-" + id + "\",\"subject\":\"" + subject + "\",\"isCancelled\":" +
            (cancelled ? "true" : "false") + ",\"isOrganizer\":true,\"start\":" + When(start) + ",\"end\":" + When(start.AddHours(1)) +
            ",\"organizer\":{\"emailAddress\":{\"name\":\"Mia\",\"address\":\"" + organizer + "\"}},\"attendees\":[" + people +
            "],\"onlineMeeting\":{\"joinUrl\":\"https://teams.example/join/" + id + "\"},\"extra\":{\"ignored\":true}}";
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    // The shapes of meetingAttendanceReport and attendanceRecord in Graph v1.0.
    private static string ReportJson((string Id, DateTimeOffset Start, DateTimeOffset End, string[] Attendees) report, bool withRecords)
    {
        var head = "{\"id\":\"" + report.Id + "\",\"totalParticipantCount\":" + report.Attendees.Length +
            ",\"meetingStartDateTime\":\"" + report.Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ") +
            "\",\"meetingEndDateTime\":\"" + report.End.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ") + "\"";
        if (!withRecords)
        {
            return head + "}";
        }

        var records = report.Attendees.Select(a => "{\"id\":\"" + a + "\",\"emailAddress\":\"" + a + "\",\"totalAttendanceInSeconds\":1200," +
            "\"role\":\"Attendee\",\"identity\":{\"id\":\"oid-" + a.Split('@')[0] + "\",\"displayName\":\"" + a + "\",\"tenantId\":null}," +
            "\"attendanceIntervals\":[{\"joinDateTime\":\"" + report.Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ") +
            "\",\"leaveDateTime\":\"" + report.End.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ") + "\",\"durationInSeconds\":1200}]}");
        return head + ",\"attendanceRecords\":[" + string.Join(",", records) + "]}";
    }

    private CannedResponse GroupPage(string group, string query)
    {
        if (!string.Equals(group, GroupId, StringComparison.OrdinalIgnoreCase))
        {
            return CannedResponse.Json("""{"error":{"code":"Request_ResourceNotFound"}}""", 404);
        }

        const string Token = "$skiptoken=";
        var at = query.IndexOf(Token, StringComparison.Ordinal);
        var page = at < 0 ? 0 : int.Parse(query[(at + Token.Length)..].Split('&')[0], System.Globalization.CultureInfo.InvariantCulture);
        if (GroupFailsFromPage is { } failAt && page >= failAt)
        {
            return CannedResponse.Json("""{"error":{"code":"serviceNotAvailable"}}""", 503);
        }

        var members = GroupMembers.Skip(page * GroupPageSize).Take(GroupPageSize)
            .Select(m => "{\"@odata.type\":\"#microsoft.graph.user\",\"mail\":" + (m.Mail is null ? "null" : "\"" + m.Mail + "\"") +
                ",\"userPrincipalName\":\"" + m.Upn + "\"}");
        var next = (page + 1) * GroupPageSize < GroupMembers.Count
            ? ",\"@odata.nextLink\":\"" + BaseUrl + "groups/" + group + "/transitiveMembers/microsoft.graph.user?$select=mail,userPrincipalName&$top=999&" + Token + (page + 1) + "\""
            : string.Empty;
        return CannedResponse.Json("{\"value\":[" + string.Join(",", members) + "]" + next + "}");
    }

    /// <summary>Answers that come before the normal ones, one per request (e.g. a 429 with Retry-After, as Graph throttles).</summary>
    public ConcurrentQueue<CannedResponse> Interjections { get; } = new();

    private CannedResponse Answer(RecordedRequest r)
    {
        if (Interjections.TryDequeue(out var interjection))
        {
            return interjection;
        }

        var path = r.Path["/v1.0/".Length..];
        var parts = path.Split('/');
        switch (r.Method, parts)
        {
            case ("POST", ["subscriptions"]):
                var id = $"sub-{Interlocked.Increment(ref _subscriptions)}";
                return CannedResponse.Json($$"""{"id":"{{id}}","expirationDateTime":"{{DateTimeOffset.Parse("2026-11-25T09:00:00Z"):O}}"}""", 201);
            case ("PATCH", ["subscriptions", var sub]):
                return Removed.Contains(sub) ? CannedResponse.Json("""{"error":{"code":"ResourceNotFound"}}""", 404) : CannedResponse.Json($$"""{"id":"{{sub}}"}""");
            case ("DELETE", ["subscriptions", _]):
                return new CannedResponse(204, string.Empty);
            case ("GET", ["groups", var group, "transitiveMembers", "microsoft.graph.user"]):
                return GroupPage(group, r.Query);
            case ("POST", ["subscriptions", _, "reauthorize"]):
                return CannedResponse.Json("{}");
            case ("GET", ["users", _, "onlineMeetings"]):
                var joinUrl = Uri.UnescapeDataString(r.Query).Split("JoinWebUrl eq '").ElementAtOrDefault(1)?.Split('\'')[0];
                var online = joinUrl is not null && OnlineMeetings.TryGetValue(joinUrl, out var m)
                    ? "{\"id\":\"" + m.MeetingId + "\",\"joinWebUrl\":\"" + joinUrl + "\",\"subject\":\"x\"}"
                    : string.Empty;
                return CannedResponse.Json("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users('x')/onlineMeetings\",\"value\":[" + online + "]}");
            case ("GET", ["users", _, "onlineMeetings", var meetingId, "attendanceReports"]):
                var sessions = OnlineMeetings.Values.FirstOrDefault(o => o.MeetingId == meetingId).Reports ?? [];
                return CannedResponse.Json("{\"value\":[" + string.Join(",", sessions.Select(rep => ReportJson(rep, withRecords: false))) + "]}");
            case ("GET", ["users", _, "onlineMeetings", var reportMeeting, "attendanceReports", var reportId]):
                var session = (OnlineMeetings.Values.FirstOrDefault(o => o.MeetingId == reportMeeting).Reports ?? []).FirstOrDefault(rep => rep.Id == reportId);
                return session.Id is null
                    ? CannedResponse.Json("""{"error":{"code":"NotFound"}}""", 404)
                    : CannedResponse.Json(ReportJson(session, withRecords: true));
            case ("GET", ["users", _, "events", var eventId]):
                return Events.TryGetValue(eventId, out var json) ? CannedResponse.Json(json) : CannedResponse.Json("""{"error":{"code":"ErrorItemNotFound"}}""", 404);
            case ("GET", ["users", _, "events"]):
                var match = Events.Values.Where(e => r.Query.Contains(Uri.EscapeDataString("ical-"), StringComparison.Ordinal) &&
                    r.Query.Contains(Uri.EscapeDataString(e.Split("\"iCalUId\":\"")[1].Split('"')[0]), StringComparison.Ordinal));
                return CannedResponse.Json($$"""{"value":[{{string.Join(",", match)}}]}""");
            case ("GET", ["users", _, "calendarView"]):
                return CannedResponse.Json($$"""{"value":[{{string.Join(",", Events.Values)}}]}""");
            case ("PATCH", ["users", _, "events", var patched]):
                return Events.TryGetValue(patched, out var current) ? CannedResponse.Json(current) : CannedResponse.Json("{}", 404);
            case ("GET", ["users", var user]):
                return user.Contains('@', StringComparison.Ordinal) ? CannedResponse.Json($$"""{"id":"oid-{{user.Split('@')[0]}}"}""") : CannedResponse.Json("{}", 404);
            case ("POST", ["users", _, "teamwork", "installedApps"]):
                return new CannedResponse(201, string.Empty);
            default:
                return CannedResponse.Json("""{"error":{"code":"BadRequest"}}""", 400);
        }
    }
}
