namespace BridgeBot.Core.Digest;

using BridgeBot.Core.Turns;

/// <summary>Section <c>Digest</c>: the weekly digest for IT leads, when it goes out and where.</summary>
public sealed class DigestOptions
{
    public const string Section = "Digest";

    /// <summary>The day of the week it goes out.</summary>
    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;

    /// <summary>The local time of day it goes out (in <see cref="TimeZone"/>).</summary>
    public TimeOnly Time { get; set; } = new(9, 0);

    /// <summary>IANA (or Windows) time zone id of <see cref="Time"/>, e.g. <c>Europe/Berlin</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The IT leads channels it is posted to (Teams and/or Slack). Without any, no digest is sent.</summary>
    public List<DigestChannel> Channels { get; set; } = [];

    /// <summary>The dashboard's public address, linked from the digest (e.g. <c>https://bridgebot.contoso.com/dashboard</c>).</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>How long after the due time a digest is still sent (a host that was down on Monday morning catches up).</summary>
    public TimeSpan CatchUpFor { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How long one host owns the sending of a digest. The owner renews it every third of this while it sends; when
    /// the owner dies, another host takes over after this and sends to the channels not started.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each host checks whether a digest is due.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The time zone, or null when <see cref="TimeZone"/> is not known on this machine.</summary>
    public TimeZoneInfo? FindTimeZone() =>
        System.TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : null;
}

/// <summary>One IT leads channel: a Teams channel (conversation id <c>19:…</c>) or a Slack channel (<c>C…</c>).</summary>
public sealed class DigestChannel
{
    public ChannelKind Platform { get; set; }

    /// <summary>Entra tenant id (Teams) or workspace id (Slack).</summary>
    public string TenantId { get; set; } = string.Empty;

    public string ConversationId { get; set; } = string.Empty;

    public ConversationKey Key => new(Platform, TenantId, ConversationId);
}
