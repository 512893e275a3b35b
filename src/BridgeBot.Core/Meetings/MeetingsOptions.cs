namespace BridgeBot.Core.Meetings;

/// <summary>Section <c>Meetings</c>: who counts as marketing and IT, and when to nudge.</summary>
public sealed class MeetingsOptions
{
    public const string Section = "Meetings";

    /// <summary>E-mail addresses of marketing people; a meeting they organize is a marketing meeting.</summary>
    public List<string> MarketingRoster { get; set; } = [];

    /// <summary>
    /// Optional Entra group object id whose transitive members join the roster (read through Graph, refreshed with
    /// the subscription maintenance); ignored when Graph is off.
    /// </summary>
    public string? MarketingGroupId { get; set; }

    /// <summary>Words in a meeting title that make it a marketing meeting (case-insensitive), e.g. "campaign".</summary>
    public List<string> TitleKeywords { get; set; } = [];

    /// <summary>
    /// E-mail addresses of the IT representatives, in rotation order. Filled from <c>ItTeam:Members</c> when that is
    /// set; configuring it here directly is the older way, which works for one more release.
    /// </summary>
    public List<string> ItRepresentatives { get; set; } = [];

    /// <summary>E-mail address of the IT lead, who gets escalations (unless <see cref="ItLeadsChannel"/> is set) and may overturn waivers.</summary>
    public string? ItLead { get; set; }

    /// <summary>Further IT leads (e-mail addresses): they too may overturn waivers and see the waiver list.</summary>
    public List<string> ItLeads { get; set; } = [];

    /// <summary>
    /// A Teams or Slack channel of the IT leads. When set, escalations and waivers go there (with buttons any
    /// IT lead or representative there can press) instead of to <see cref="ItLead"/> personally.
    /// </summary>
    public MeetingChannelOptions? ItLeadsChannel { get; set; }

    /// <summary>How many meetings one representative is proposed for per ISO week at most.</summary>
    public int WeeklyCap { get; set; } = 5;

    /// <summary>Teams conversation id of a channel for nudges that cannot reach a person directly.</summary>
    public string? FallbackChannel { get; set; }

    /// <summary>Entra tenant of the people above (for Teams targets).</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Optional e-mail -> Teams / Entra user id map for people the sources know only by address.</summary>
    public Dictionary<string, string> UserIds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>E-mail -> Slack user id of people reached in Slack (from <c>ItTeam:Members</c>, or found by <c>users.lookupByEmail</c>).</summary>
    public Dictionary<string, string> SlackUserIds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether nudges go to Slack first for everyone found there by e-mail (<c>users.lookupByEmail</c>), with Teams as the
    /// fallback: for organizations that work in Slack. Without it Slack is used for people with only a Slack id in
    /// <c>ItTeam:Members</c>, and for those Teams cannot reach.
    /// </summary>
    public bool PreferSlack { get; set; }

    /// <summary>API key that <c>POST /api/meetings</c> requires in <c>X-Api-Key</c>; the endpoint answers 401 without one.</summary>
    public string? IngestApiKey { get; set; }

    /// <summary>How long before the start the organizer is reminded of an uncovered meeting.</summary>
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long before the start the IT lead is told about a still uncovered meeting.</summary>
    public TimeSpan EscalationBefore { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// How long after the end of an online meeting its attendance report is read (Teams writes it a few minutes after
    /// the meeting). Zero turns the check off. Asked again every <see cref="AttendanceRetryEvery"/> until a day after the end.
    /// </summary>
    public TimeSpan AttendanceCheckAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long to wait before asking again when the attendance report is not there yet.</summary>
    public TimeSpan AttendanceRetryEvery { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long meetings are kept for the coverage report after their start.</summary>
    public TimeSpan RetainFor { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// How often each host sets the coverage tallies and timers of last, this and next week right from the meeting
    /// records (the repair for a host that died between the steps of a change).
    /// </summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the nudge dispatcher looks for due nudges.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a host owns a claimed nudge; when it dies, another host sends it after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Every IT lead: <see cref="ItLead"/> and <see cref="ItLeads"/>.</summary>
    public IReadOnlyList<string> AllLeads =>
        (ItLead is { Length: > 0 } lead ? ItLeads.Prepend(lead) : ItLeads).Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Whether <paramref name="email"/> is an IT representative.</summary>
    public bool IsRepresentative(string email) => ItRepresentatives.Any(r => string.Equals(r, email, StringComparison.OrdinalIgnoreCase));

    /// <summary>The id a Teams target uses for this person: the configured id, the directory id, or the address.</summary>
    public string UserIdFor(MeetingPerson person) =>
        UserIds.TryGetValue(person.Email, out var id) ? id : person.DirectoryId ?? person.Email;

    /// <summary>The id a Teams target uses for an address.</summary>
    public string UserIdFor(string email) => UserIds.TryGetValue(email, out var id) ? id : email;
}

/// <summary>A Teams channel or a Slack channel (<c>Meetings:ItLeadsChannel</c>).</summary>
public sealed class MeetingChannelOptions
{
    /// <summary><c>Teams</c> or <c>Slack</c>.</summary>
    public Turns.ChannelKind Platform { get; set; }

    /// <summary>Entra tenant id (Teams) or workspace id (Slack).</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Teams conversation id of the channel (<c>19:…@thread.tacv2</c>) or Slack channel id (<c>C…</c>).</summary>
    public string ConversationId { get; set; } = string.Empty;
}
