namespace BridgeBot.Graph;

using BridgeBot.Core.Meetings;
using BridgeBot.Core.State;
using Microsoft.Extensions.Logging;

/// <summary>
/// The configured roster plus the users in <see cref="MeetingsOptions.MarketingGroupId"/> (transitively). Readers get
/// the last good snapshot; every host refreshes its own copy, because the policy runs wherever a meeting arrives.
/// The last good read is also kept in the shared state store: a host that cannot read Graph when it starts would
/// otherwise see only the configured part and mark the group's meetings as not marketing.
/// </summary>
internal sealed partial class GraphMarketingRoster : IMarketingRoster
{
    private static readonly StateKey StoredKey = new("graph", "marketing-group");
    private readonly GraphClient _graph;
    private readonly IStateStore _store;
    private readonly MeetingsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GraphMarketingRoster> _logger;
    private volatile Snapshot _current;

    public GraphMarketingRoster(GraphClient graph, IStateStore store, MeetingsOptions options, TimeProvider time, ILogger<GraphMarketingRoster> logger)
    {
        _graph = graph;
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        _current = Snapshot.From(options.MarketingRoster, [], complete: !HasGroup);
    }

    public IReadOnlyCollection<string> Members => _current.Members;

    /// <summary>One mailbox per person on the roster: the calendars to watch.</summary>
    public IReadOnlyList<string> Mailboxes => _current.Mailboxes;

    /// <summary>
    /// False until the group was read once. Until then the roster is only the configured part, and subscriptions
    /// of group members must not be mistaken for subscriptions of people who left.
    /// </summary>
    public bool IsComplete => _current.IsComplete;

    private bool HasGroup => !string.IsNullOrWhiteSpace(_options.MarketingGroupId);

    private string GroupId => _options.MarketingGroupId!.Trim();

    /// <summary>
    /// Reads the group again; on failure keeps the last good roster (this host's, else the shared one) and returns false.
    /// </summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        if (!HasGroup)
        {
            return true;
        }

        GraphStatus status;
        List<GraphGroupMember> members;
        try
        {
            (status, members) = await _graph.ListGroupUsersAsync(GroupId, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Network, token and malformed-page failures alike: the roster we had is better than none.
            status = GraphStatus.Failed;
            members = [];
            LogRefreshError(_logger, ex);
        }

        if (status != GraphStatus.Ok)
        {
            await RestoreIfIncompleteAsync(cancellationToken);
            LogRefreshFailed(_logger, status.ToString(), _current.Members.Count);
            return false;
        }

        _current = Snapshot.From(_options.MarketingRoster, members, complete: true);
        LogRefreshed(_logger, members.Count, _current.Members.Count);
        await _store.WriteAsync(StoredKey, new StoredGroupRoster(GroupId, members, _time.GetUtcNow()),
            GraphJsonContext.Default.StoredGroupRoster, ETagCondition.Any, null, cancellationToken);
        return true;
    }

    /// <summary>Takes the last read any host stored, when this host has not read the group itself yet.</summary>
    public async Task RestoreIfIncompleteAsync(CancellationToken cancellationToken)
    {
        if (IsComplete || await _store.ReadAsync(StoredKey, GraphJsonContext.Default.StoredGroupRoster, cancellationToken) is not { } stored ||
            !string.Equals(stored.Value.GroupId, GroupId, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        _current = Snapshot.From(_options.MarketingRoster, stored.Value.Members, complete: true);
        LogRestored(_logger, stored.Value.ReadAt, _current.Members.Count);
    }

    private sealed record Snapshot(IReadOnlyCollection<string> Members, IReadOnlyList<string> Mailboxes, bool IsComplete)
    {
        public static Snapshot From(IEnumerable<string> configured, IEnumerable<GraphGroupMember> members, bool complete)
        {
            var all = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var mailboxes = new List<string>();
            foreach (var address in configured.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()))
            {
                if (all.Add(address))
                {
                    mailboxes.Add(address);
                }
            }

            foreach (var member in members)
            {
                var known = (member.Mail is { } m && all.Contains(m)) || (member.UserPrincipalName is { } u && all.Contains(u));
                var addresses = new[] { member.Mail, member.UserPrincipalName }.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim()).ToList();
                all.UnionWith(addresses);

                // The UPN (last when present) names the mailbox in /users/{id}; guests (#EXT#) have no calendar here.
                if (!known && addresses.Count > 0 && !addresses[^1].Contains("#EXT#", StringComparison.OrdinalIgnoreCase))
                {
                    mailboxes.Add(addresses[^1]);
                }
            }

            return new Snapshot(all, mailboxes, complete);
        }
    }

    [LoggerMessage(EventId = 640, Level = LogLevel.Warning,
        Message = "The marketing group (Meetings:MarketingGroupId) could not be read: {Reason}; keeping the last roster of {Count} addresses.")]
    private static partial void LogRefreshFailed(ILogger logger, string reason, int count);

    [LoggerMessage(EventId = 642, Level = LogLevel.Warning, Message = "Reading the marketing group (Meetings:MarketingGroupId) failed.")]
    private static partial void LogRefreshError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 643, Level = LogLevel.Information, Message = "Marketing roster restored from the read of {ReadAt:O}: {Count} addresses.")]
    private static partial void LogRestored(ILogger logger, DateTimeOffset readAt, int count);

    [LoggerMessage(EventId = 641, Level = LogLevel.Information, Message = "Marketing group read: {GroupUsers} users; roster has {Count} addresses.")]
    private static partial void LogRefreshed(ILogger logger, int groupUsers, int count);
}
