namespace BridgeBot.Core.Tests.Digest;

using BridgeBot.Core.Digest;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;
using BridgeBot.Core.State;
using BridgeBot.Core.Tests.Requests;
using BridgeBot.Core.Turns;
using BridgeBot.TestKit;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

/// <summary>One deployment's shared stores and clock; <see cref="Host"/> builds the digest sender of one more host on them.</summary>
internal sealed class DigestHarness
{
    // Sunday 2026-12-06 20:00 UTC; Monday 09:00 in Berlin is 08:00 UTC.
    public static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-12-06T20:00:00Z");

    public static readonly ConversationKey LeadsTeams = new(ChannelKind.Teams, "tenant-1", "19:leads@thread.tacv2");
    public static readonly ConversationKey LeadsSlack = new(ChannelKind.Slack, "T1", "C-LEADS");

    public DigestHarness()
    {
        Stores = TestStores.InMemory(Time);
        Meetings = Stores.Meetings(MeetingsOptions, Time);
        Requests = new RequestRepository(Stores.State, Stores.Index, Options.Create(new RequestsOptions()), Time);
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public TestStores Stores { get; }

    public MeetingsOptions MeetingsOptions { get; } = new()
    {
        MarketingRoster = ["mia@contoso.com"],
        ItRepresentatives = ["ana@contoso.com"],
        TenantId = "tenant-1",
    };

    public DigestOptions DigestOptions { get; } = new()
    {
        TimeZone = "Europe/Berlin",
        Channels =
        [
            new DigestChannel { Platform = ChannelKind.Teams, TenantId = LeadsTeams.TenantId, ConversationId = LeadsTeams.ConversationId },
            new DigestChannel { Platform = ChannelKind.Slack, TenantId = LeadsSlack.TenantId, ConversationId = LeadsSlack.ConversationId },
        ],
        DashboardUrl = "https://bridgebot.example/dashboard",
    };

    public RecordingReplyChannel Teams { get; } = new(ChannelKind.Teams);

    public RecordingReplyChannel Slack { get; } = new(ChannelKind.Slack);

    /// <summary>What every host's digest sender logged.</summary>
    public FakeLogger<WeeklyDigestSender> Log { get; } = new();

    public MeetingRepository Meetings { get; }

    public RequestRepository Requests { get; }

    public ItLeadSummaryReader Reader() =>
        new(new CoverageLedger(Stores.Tallies, MeetingsOptions, Time), Meetings, Requests, Stores.Index, MeetingsOptions, Time);

    /// <summary>A host of its own (own sender, own owner id) on the shared stores, sending through the given channels.</summary>
    public WeeklyDigestSender Host(IStateStore? state = null, params IReplyChannel[] channels) =>
        new(state ?? Stores.State, Reader(), new Outbox(channels.Length == 0 ? [Teams, Slack] : channels), DigestOptions, MeetingsOptions, Time, Log);

    /// <summary>The stored claim of a week's digest, or null.</summary>
    public async Task<DigestClaim?> ClaimAsync(string week) =>
        (await Stores.State.ReadAsync(WeeklyDigestSender.KeyOf(MeetingKeys.TenantOf(MeetingsOptions), week), DigestJsonContext.Default.DigestClaim,
            default))?.Value;

    public Task<MeetingRecord?> SeedMeetingAsync(string id, DateTimeOffset start, Func<MeetingRecord, MeetingRecord>? change = null)
    {
        var snapshot = new MeetingSnapshot(id, "api", "Meeting " + id, new MeetingPerson("mia@contoso.com", "Mia"), start, start.AddHours(1), [],
            null, false);
        var record = new MeetingRecord(snapshot, true, Time.GetUtcNow());
        return Meetings.UpdateAsync(snapshot.Key, _ => change is null ? record : change(record), default);
    }
}
