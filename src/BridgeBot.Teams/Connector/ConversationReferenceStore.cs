namespace BridgeBot.Teams.Connector;

using System.Collections.Concurrent;
using BridgeBot.Core.State;
using BridgeBot.Teams.Mapping;
using BridgeBot.Teams.Protocol;
using Microsoft.Extensions.Logging;

/// <summary>
/// Where to send to a conversation later: its Connector base URL and ids (PROTOCOLS A3). Who wrote last is not part of
/// it: it would change the reference, and cost a write, whenever someone else speaks; the user's own reference says
/// how to reach them.
/// </summary>
public sealed record TeamsConversationReference(
    string ServiceUrl, string ConversationId, string TenantId, string? BotId, string? ConversationType);

/// <summary>How to reach a user 1:1: the personal chat with the bot, once known.</summary>
public sealed record TeamsUserReference(
    string ServiceUrl, string TenantId, string UserId, string? AadObjectId, string? Name, string? PersonalConversationId);

/// <summary>
/// Keeps conversation, user and tenant references in the state store for proactive messages. Each inbound activity
/// refreshes them (the serviceUrl can move). A reference this process has not written yet is written at once, since a
/// proactive send may need it right away; a change to one it already wrote is kept and written by
/// <see cref="FlushAsync"/> (every second, see <see cref="ConversationReferenceFlusher"/>), so a steady conversation
/// costs no write per turn and a busy, changing one costs one write per key per second, not one per turn.
/// </summary>
public sealed partial class ConversationReferenceStore(IStateStore store, ILogger<ConversationReferenceStore> logger)
{
    private const int MaxRemembered = 50_000;
    private static readonly TimeSpan TimeToLive = TimeSpan.FromDays(365);
    private readonly ConcurrentDictionary<StateKey, object> _written = new();
    private readonly ConcurrentDictionary<StateKey, object> _pending = new();

    /// <summary>Stores what changed. Best effort: a store failure is logged and must not cost the user their answer.</summary>
    public async Task RememberAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            await RememberCoreAsync(activity, cancellationToken);
        }
        catch (StateStoreUnavailableException)
        {
            // Not logged per turn: the turn's own state meets the same outage and reports it once. What was not
            // written is not marked written, so the next activity of the conversation writes it.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRememberFailed(ex, activity.Conversation?.Id);
        }
    }

    private async Task RememberCoreAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.ServiceUrl is not { Length: > 0 } serviceUrl || activity.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            return;
        }

        var tenant = TeamsTurnMapper.TenantOf(activity);
        var personal = activity.Conversation.ConversationType == "personal" || conversationId.StartsWith("a:", StringComparison.Ordinal);
        var conversation = new TeamsConversationReference(
            serviceUrl, conversationId, tenant, activity.Recipient?.Id, activity.Conversation.ConversationType);
        await WriteIfChangedAsync(ConversationKey(tenant, conversationId), conversation, cancellationToken);
        await WriteIfChangedAsync(TenantKey(tenant), serviceUrl, cancellationToken);

        // A user is reachable 1:1 only through their personal chat with the bot; group chats say nothing about it.
        if (personal && activity.From?.Id is { Length: > 0 } userId)
        {
            var user = new TeamsUserReference(serviceUrl, tenant, userId, activity.From.AadObjectId, activity.From.Name, conversationId);
            await WriteIfChangedAsync(UserKey(tenant, userId), user, cancellationToken);
        }
    }

    public async Task<TeamsConversationReference?> FindConversationAsync(string tenantId, string conversationId, CancellationToken cancellationToken) =>
        (await store.ReadAsync(ConversationKey(tenantId, conversationId), TeamsJsonContext.Default.TeamsConversationReference, cancellationToken))?.Value;

    public async Task<TeamsUserReference?> FindUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        (await store.ReadAsync(UserKey(tenantId, userId), TeamsJsonContext.Default.TeamsUserReference, cancellationToken))?.Value;

    public async Task<string?> FindServiceUrlAsync(string tenantId, CancellationToken cancellationToken)
    {
        var raw = await store.ReadAsync(TenantKey(tenantId), cancellationToken);
        return raw is null ? null : System.Text.Encoding.UTF8.GetString(raw.Value);
    }

    /// <summary>Stores a user's personal chat at once: it was just created, and any host may send to it next.</summary>
    public Task SaveUserAsync(TeamsUserReference user, CancellationToken cancellationToken)
    {
        var key = UserKey(user.TenantId, user.UserId);
        _pending.TryRemove(key, out _);
        return WriteAsync(key, user, cancellationToken);
    }

    /// <summary>Writes the changes kept since the last flush. Best effort, like <see cref="RememberAsync"/>.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var key in _pending.Keys)
        {
            if (!_pending.TryRemove(key, out var value))
            {
                continue;
            }

            try
            {
                await WriteAsync(key, value, cancellationToken);
            }
            catch (StateStoreUnavailableException)
            {
                // Kept for the next flush (a second later) unless a newer change came in meanwhile; the rest waits
                // too, rather than each waiting out its own timeout.
                _pending.TryAdd(key, value);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRememberFailed(ex, key.Name);
            }
        }
    }

    private async Task WriteIfChangedAsync(StateKey key, object value, CancellationToken cancellationToken)
    {
        if (!_written.TryGetValue(key, out var known))
        {
            await WriteAsync(key, value, cancellationToken);
        }
        else if (known.Equals(value))
        {
            // Back to what the store holds: a change kept in between must not overwrite it.
            _pending.TryRemove(key, out _);
        }
        else
        {
            _pending[key] = value;
        }
    }

    private async Task WriteAsync(StateKey key, object value, CancellationToken cancellationToken)
    {
        var bytes = value switch
        {
            string text => System.Text.Encoding.UTF8.GetBytes(text),
            TeamsConversationReference c => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(c, TeamsJsonContext.Default.TeamsConversationReference),
            TeamsUserReference u => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(u, TeamsJsonContext.Default.TeamsUserReference),
            _ => throw new ArgumentException($"Unexpected reference type {value.GetType().Name}.", nameof(value)),
        };
        await store.WriteAsync(key, bytes, ETagCondition.Any, TimeToLive, cancellationToken);
        if (_written.Count >= MaxRemembered)
        {
            _written.Clear();
        }

        _written[key] = value;
    }

    [LoggerMessage(EventId = 3500, Level = LogLevel.Warning,
        Message = "Could not store the conversation reference of {ConversationId}; proactive messages may use a stale one.")]
    private partial void LogRememberFailed(Exception exception, string? conversationId);

    private static StateKey ConversationKey(string tenant, string conversationId) => new($"teams:{tenant}", $"conversation:{conversationId}");

    private static StateKey UserKey(string tenant, string userId) => new($"teams:{tenant}", $"user:{userId}");

    private static StateKey TenantKey(string tenant) => new($"teams:{tenant}", "serviceUrl");
}
