namespace BridgeBot.Slack.Api;

using System.Collections.Concurrent;
using BridgeBot.Core.Meetings;

/// <summary>
/// <c>users.lookupByEmail</c> with a cache: a found id is kept for a day, "nobody with that address" for an hour,
/// so nudges and button presses do not call Slack each time. Transport failures are not cached.
/// </summary>
public sealed class SlackPeopleDirectory(SlackApiClient api, TimeProvider time) : ISlackPeople
{
    private static readonly TimeSpan KeepFound = TimeSpan.FromDays(1);
    private static readonly TimeSpan KeepMissing = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, (string? Id, DateTimeOffset Until)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public async Task<string?> FindUserIdAsync(string email, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(email, out var known) && known.Until > time.GetUtcNow())
        {
            return known.Id;
        }

        var found = await api.LookupUserByEmailAsync(email, cancellationToken);
        if (found.Ok && found.Value?.User?.Id is { Length: > 0 } id)
        {
            _cache[email] = (id, time.GetUtcNow() + KeepFound);
            return id;
        }

        if (found.Error?.Code == "users_not_found")
        {
            _cache[email] = (null, time.GetUtcNow() + KeepMissing);
        }

        return null;
    }
}
