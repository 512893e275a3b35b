namespace BridgeBot.Core.Priorities;

using BridgeBot.Core.Turns;
using Microsoft.Extensions.Options;

/// <summary>How often leadership reviews the board.</summary>
public enum CadenceKind
{
    Monthly,
    Biweekly,
}

/// <summary>Settings of the priority board, bound by the host from the <c>Priorities</c> section.</summary>
public sealed class PriorityOptions
{
    public const string Section = "Priorities";

    /// <summary><c>Monthly</c> (default) or <c>Biweekly</c>.</summary>
    public CadenceKind Cadence { get; set; } = CadenceKind.Monthly;

    /// <summary>Monthly: the day of the month of the review (1-28, so every month has it).</summary>
    public int ReviewDay { get; set; } = 1;

    /// <summary>Biweekly: one review date; the others are every 14 days before and after it.</summary>
    public DateOnly BiweeklyAnchor { get; set; } = new(2026, 1, 5);

    /// <summary>How many days before the review the board is compiled and sent to leadership.</summary>
    public int CompileDaysBefore { get; set; } = 2;

    /// <summary>IT capacity per cycle in person-days; leadership can change it for one cycle at the review.</summary>
    public decimal CapacityDays { get; set; } = 20;

    /// <summary>Person-days per estimate size, to compare estimates with capacity.</summary>
    public Dictionary<string, decimal> SizeDays { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["XS"] = 0.5m, ["S"] = 2, ["M"] = 10, ["L"] = 20, ["XL"] = 40,
    };

    /// <summary>
    /// Most requests one board holds: the most urgent and oldest open ones. A review of hundreds of items is no
    /// review, and compiling reads the queue only this far.
    /// </summary>
    public int BoardSize { get; set; } = 40;

    /// <summary>Who ranks and publishes, with their ids on each platform.</summary>
    public List<LeaderOptions> LeadershipGroup { get; set; } = [];

    /// <summary>Entra tenant id used to reach leaders in Teams.</summary>
    public string? TeamsTenantId { get; set; }

    /// <summary>Slack workspace id used to reach leaders in Slack.</summary>
    public string? SlackTeamId { get; set; }

    /// <summary>Where the decided board is published (a Teams channel and/or a Slack channel).</summary>
    public List<PublishTargetOptions> PublishTargets { get; set; } = [];

    /// <summary>How often each host checks whether a board is due.</summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>When set, <c>GET /api/board</c> needs <c>Authorization: Bearer</c> with this key.</summary>
    public string? DashboardApiKey { get; set; }

    /// <summary>Person-days of an estimate size, or null for an unknown size.</summary>
    public decimal? DaysOf(string? size) => size is not null && SizeDays.TryGetValue(size, out var days) ? days : null;
}

/// <summary>One member of the leadership group. Any of the ids (or the e-mail, when the platform tells it) recognises them.</summary>
public sealed class LeaderOptions : IPersonIds
{
    public string Name { get; set; } = string.Empty;

    public string? Email { get; set; }

    public string? TeamsUserId { get; set; }

    public string? TeamsAadObjectId { get; set; }

    public string? SlackUserId { get; set; }

    /// <summary>Where the review card goes; by default Teams when a Teams user id is set, else Slack.</summary>
    public ChannelKind? ReviewOn { get; set; }
}

/// <summary>A channel the decided board is posted to.</summary>
public sealed class PublishTargetOptions
{
    public ChannelKind Platform { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string ConversationId { get; set; } = string.Empty;
}

/// <summary>Fails startup with a message naming the setting that is wrong.</summary>
internal sealed class PriorityOptionsValidator : IValidateOptions<PriorityOptions>
{
    public ValidateOptionsResult Validate(string? name, PriorityOptions options)
    {
        var failures = new List<string>();
        var s = PriorityOptions.Section;
        if (options.Cadence == CadenceKind.Monthly && options.ReviewDay is < 1 or > 28)
        {
            failures.Add($"{s}:ReviewDay must be between 1 and 28 (was {options.ReviewDay}).");
        }

        if (options.CompileDaysBefore is < 0 or > 13)
        {
            failures.Add($"{s}:CompileDaysBefore must be between 0 and 13.");
        }

        if (options.CapacityDays < 0)
        {
            failures.Add($"{s}:CapacityDays must not be negative.");
        }

        if (options.BoardSize is < 1 or > 200)
        {
            failures.Add($"{s}:BoardSize must be between 1 and 200 (was {options.BoardSize}).");
        }

        if (options.SchedulerInterval <= TimeSpan.Zero)
        {
            failures.Add($"{s}:SchedulerInterval must be positive.");
        }

        for (var i = 0; i < options.LeadershipGroup.Count; i++)
        {
            var leader = options.LeadershipGroup[i];
            var prefix = $"{s}:LeadershipGroup:{i}";
            if (string.IsNullOrWhiteSpace(leader.Name))
            {
                failures.Add($"{prefix}:Name is required.");
            }

            var on = LeadershipGroup.ReviewPlatform(leader);
            if (on is null)
            {
                failures.Add($"{prefix} needs TeamsUserId or SlackUserId, so the review card can reach them.");
            }
            else if (on == ChannelKind.Teams && string.IsNullOrWhiteSpace(options.TeamsTenantId))
            {
                failures.Add($"{s}:TeamsTenantId is required to send the review to {prefix} in Teams.");
            }
            else if (on == ChannelKind.Slack && string.IsNullOrWhiteSpace(options.SlackTeamId))
            {
                failures.Add($"{s}:SlackTeamId is required to send the review to {prefix} in Slack.");
            }
        }

        for (var i = 0; i < options.PublishTargets.Count; i++)
        {
            var target = options.PublishTargets[i];
            if (string.IsNullOrWhiteSpace(target.TenantId) || string.IsNullOrWhiteSpace(target.ConversationId))
            {
                failures.Add($"{s}:PublishTargets:{i} needs TenantId and ConversationId.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
