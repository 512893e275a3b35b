namespace BridgeBot.Slack.People;

using BridgeBot.Core.Turns;
using BridgeBot.Slack.Api;
using BridgeBot.Slack.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>
/// Puts people's real names (and e-mail addresses) on Slack turns. Slack payloads carry only the handle
/// (<c>user.username</c>, "mia.m") or nothing at all (events): <c>users.info</c> has the profile. Answers are cached
/// per workspace and user in a bounded cache with a time to live; a failed look-up (no <c>users:read</c> scope,
/// rate limit, slow API) falls back to the handle and is retried only after a short while.
/// </summary>
public sealed partial class SlackUserNames(SlackApiClient api, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackUserNames> logger)
{
    private static readonly TimeSpan FailureTtl = TimeSpan.FromMinutes(5);

    private readonly SlackOptions _options = options.Value;
    private readonly BoundedTtlCache<(string Team, string User), Profile?> _cache = new(options.Value.UserNameCacheSize, time);

    /// <summary>The user with their real name when Slack has one, else as given.</summary>
    public async ValueTask<TurnUser> ResolveAsync(string teamId, TurnUser user, CancellationToken cancellationToken)
    {
        if (!_cache.TryGet((teamId, user.Id), out var profile))
        {
            profile = await LookUpAsync(user.Id, cancellationToken);
            _cache.Set((teamId, user.Id), profile, profile is null ? FailureTtl : _options.UserNameCacheTtl);
        }

        return profile is null ? user : user with { DisplayName = profile.Name ?? user.DisplayName, Email = user.Email ?? profile.Email };
    }

    private async Task<Profile?> LookUpAsync(string userId, CancellationToken cancellationToken)
    {
        // The look-up sits in front of a turn Slack wants answered within 3 s: past the timeout the handle will do.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.UserInfoTimeout);
        try
        {
            var result = await api.UserInfoAsync(userId, timeout.Token);
            if (result.Value?.User is not { } user)
            {
                LogLookUpFailed(userId, result.Error?.Code ?? "no_user");
                return null;
            }

            var name = FirstNonEmpty(user.Profile?.RealName, user.RealName, user.Profile?.DisplayName);
            return new Profile(name, string.IsNullOrWhiteSpace(user.Profile?.Email) ? null : user.Profile.Email);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogLookUpFailed(userId, "timeout");
            return null;
        }
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private sealed record Profile(string? Name, string? Email);

    [LoggerMessage(EventId = 4399, Level = LogLevel.Debug, Message = "Slack users.info for {UserId} gave no profile ({Reason}); showing the handle")]
    private partial void LogLookUpFailed(string userId, string reason);
}
