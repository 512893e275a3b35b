namespace BridgeBot.Core.Tests.Meetings;

using System.Collections.Concurrent;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Scheduling;
using BridgeBot.Core.State;
using BridgeBot.Core.Turns;
using BridgeBot.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

/// <summary>A sent proactive message.</summary>
internal sealed record SentMessage(MessageTarget Target, OutboundMessage Message)
{
    public string? UserId => (Target as UserTarget)?.UserId;
}

/// <summary>An IReplyChannel that records what it is asked to send; users listed as unreachable get Unreachable.</summary>
internal sealed class RecordingChannel : IReplyChannel
{
    public ConcurrentQueue<SentMessage> Sent { get; } = new();

    public HashSet<string> Unreachable { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ChannelKind Channel => ChannelKind.Teams;

    public Task<DeliveryResult> SendAsync(MessageTarget target, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (target is UserTarget user && Unreachable.Contains(user.UserId))
        {
            return Task.FromResult(DeliveryResult.Unreachable("not installed"));
        }

        Sent.Enqueue(new SentMessage(target, message));
        return Task.FromResult(DeliveryResult.Sent(Guid.NewGuid().ToString("N")));
    }

    public Task<DeliveryResult> UpdateAsync(MessageTarget target, string messageId, OutboundMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryResult.Sent(messageId));

    public IReadOnlyList<SentMessage> To(string userId) => Sent.Where(s => s.UserId == userId).ToList();
}

/// <summary>Installs the app for users listed in <see cref="Installable"/>, making them reachable.</summary>
internal sealed class FakeInstaller(RecordingChannel? channel = null) : ITeamsAppInstaller
{
    public RecordingChannel? Channel { get; set; } = channel;

    public HashSet<string> Installable { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Attempts { get; } = [];

    public Task<bool> TryInstallForAsync(string userId, CancellationToken cancellationToken)
    {
        Attempts.Add(userId);
        if (!Installable.Contains(userId))
        {
            return Task.FromResult(false);
        }

        Channel?.Unreachable.Remove(userId);
        return Task.FromResult(true);
    }
}

/// <summary>Attendance reports a test sets: none until <see cref="Report"/> is set.</summary>
internal sealed class FakeAttendanceReports : IAttendanceReports
{
    public AttendanceReport Report { get; set; } = AttendanceReport.NotYet;

    public int Reads { get; private set; }

    public Task<AttendanceReport> ReadAsync(MeetingSnapshot meeting, CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult(Report);
    }
}

/// <summary>A directory with the entries a test adds.</summary>
internal sealed class FakeDirectory : IPeopleDirectory
{
    public Dictionary<string, string> Ids { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<string?> FindDirectoryIdAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(Ids.TryGetValue(email, out var id) ? id : null);
}

/// <summary>Meeting coverage wired with in-memory stores, a fake clock and a recording channel.</summary>
internal sealed class MeetingsHarness
{
    public const string Marketer = "mia@contoso.com";
    public const string Lead = "lead@contoso.com";
    public static readonly string[] Reps = ["ana@contoso.com", "ben@contoso.com", "cy@contoso.com"];
    public static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-23T09:00:00Z");

    public MeetingsHarness(IMeetingCalendar? calendar = null, string? fallbackChannel = null)
    {
        Options = new MeetingsOptions
        {
            MarketingRoster = [Marketer],
            TitleKeywords = ["campaign"],
            ItRepresentatives = [.. Reps],
            ItLead = Lead,
            TenantId = "tenant-1",
            FallbackChannel = fallbackChannel,
            WeeklyCap = 5,
        };
        var stores = TestStores.InMemory(Time);
        State = (InMemoryStateStore)stores.State;
        Index = stores.Index;
        Installer.Channel = Channel;
        People = new PeopleMatcher(Directory, Options);
        Meetings = stores.Meetings(Options, Time);
        Ledger = new CoverageLedger(stores.Tallies, Options, Time);
        Rotation = new RotationPlanner(State, Options, Time);
        Notifier = new MeetingNotifier(new Outbox([Channel]), Options, Installer, People);
        Tracker = new MeetingTracker(Meetings, Rotation, Schedule, Notifier, Options, Time);
        Dispatcher = new ScheduleDispatcher(
            Schedule, new MeetingNudgeHandler(Meetings, Notifier, Options, Time, Metrics, Schedule, Reports), Time, Metrics, NullLogger<ScheduleDispatcher>.Instance);
        Organizer = new OrganizerNudgeDialog(Meetings, Tracker, Notifier, calendar ?? new NoCalendarAccess(), People, Options, Time);
        Representative = new RepresentativeDialog(Meetings, Tracker, Notifier, People, Options);
        Attendance = new MeetingAttendanceDialog(Meetings, People);
        Coverage = new CoverageDialog(Ledger, new CoverageAudience(
            new BridgeBot.Core.Requests.ItRepresentatives(Microsoft.Extensions.Options.Options.Create(RequestsOptions)),
            new BridgeBot.Core.Priorities.LeadershipGroup(Microsoft.Extensions.Options.Options.Create(PriorityOptions)), People, Options));
        Waivers = new WaiverReviewDialog(Meetings, Tracker, Notifier, People, Options, Time);
        Escalation = new EscalationDialog(Meetings, Tracker, Notifier, People, Options);
    }

    public EscalationDialog Escalation { get; }

    public WaiverReviewDialog Waivers { get; }

    public FakeTimeProvider Time { get; } = new(T0);

    /// <summary>IT representatives of the requests settings (none unless a test adds them).</summary>
    public BridgeBot.Core.Requests.RequestsOptions RequestsOptions { get; } = new();

    /// <summary>The leadership group of the priorities settings (none unless a test adds them).</summary>
    public BridgeBot.Core.Priorities.PriorityOptions PriorityOptions { get; } = new();

    public BridgeBot.Core.Diagnostics.BridgeBotMetrics Metrics { get; } = BridgeBot.TestKit.TestMetrics.Create();

    public FakeAttendanceReports Reports { get; } = new();

    public FakeInstaller Installer { get; } = new();

    public FakeDirectory Directory { get; } = new();

    public PeopleMatcher People { get; }

    public MeetingsOptions Options { get; }

    public InMemoryStateStore State { get; }

    public ISortedIndexStore Index { get; }

    public CoverageLedger Ledger { get; }

    public InMemoryScheduleStore Schedule { get; } = new();

    public RecordingChannel Channel { get; } = new();

    public MeetingRepository Meetings { get; }

    public RotationPlanner Rotation { get; }

    public MeetingTracker Tracker { get; }

    public MeetingNotifier Notifier { get; }

    public ScheduleDispatcher Dispatcher { get; }

    public OrganizerNudgeDialog Organizer { get; }

    public RepresentativeDialog Representative { get; }

    public MeetingAttendanceDialog Attendance { get; }

    public CoverageDialog Coverage { get; }

    public static MeetingSnapshot Meeting(
        string id = "m1", string title = "Spring launch sync", string organizer = Marketer, DateTimeOffset? start = null,
        bool cancelled = false, params MeetingAttendee[] attendees)
    {
        var begins = start ?? T0.AddDays(3);
        return new MeetingSnapshot(id, "api", title, new MeetingPerson(organizer, "Mia"), begins, begins.AddHours(1), attendees,
            "https://teams.example/join/" + id, cancelled);
    }

    public static MeetingAttendee Attendee(string email, AttendeeResponse response) => new(new MeetingPerson(email), response);

    public Task<MeetingRecord> ObserveAsync(MeetingSnapshot meeting) => Tracker.ObserveAsync(meeting, default);

    public Task<int> TickAsync() => Dispatcher.TickAsync(TimeSpan.FromMinutes(1), default);

    /// <summary>Moves the clock forward and runs the dispatcher, as the host's timer would.</summary>
    public async Task AdvanceAsync(TimeSpan span)
    {
        Time.Advance(span);
        await TickAsync();
    }

    public static TurnContext Turn(string email, TurnPayload payload) => new(new InboundTurn(
        Guid.NewGuid().ToString("N"),
        new ConversationKey(ChannelKind.Teams, "tenant-1", "a:" + email),
        new TurnUser("29:" + email, email, null, email),
        payload,
        T0));

    public static ActionInvoked Action(string actionId, string meetingKey, string? rep = null)
    {
        var data = new Dictionary<string, string> { [MeetingActions.MeetingField] = meetingKey };
        if (rep is not null)
        {
            data[MeetingActions.RepField] = rep;
        }

        return new ActionInvoked(actionId, data);
    }

    public static FormSubmitted Form(string formId, string meetingKey, params (string Key, string Value)[] values) =>
        new(formId, new FormValues(values.Select(v => KeyValuePair.Create(v.Key, v.Value))), meetingKey);

    public async Task<DialogResult> PressAsync(IDialog dialog, string email, TurnPayload payload) =>
        await dialog.HandleAsync(Turn(email, payload), default);
}
