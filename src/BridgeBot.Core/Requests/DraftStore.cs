namespace BridgeBot.Core.Requests;

using BridgeBot.Core.Forms;
using BridgeBot.Core.State;
using BridgeBot.Core.Turns;

/// <summary>A saved half-filled requirements form and when it was saved.</summary>
public sealed record SavedDraft(FormValues Values, DateTimeOffset SavedAt);

/// <summary>
/// Half-filled requirements forms, one per user per platform and tenant, kept for a week so that a closed modal
/// or an abandoned card loses nothing.
/// </summary>
public sealed class DraftStore(IStateStore store, TimeProvider time)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromDays(7);

    private const int Attempts = 4;

    /// <summary>The user's draft, or null when there is none (or it expired). Uses <paramref name="ahead"/> when it read the draft.</summary>
    public async Task<SavedDraft?> GetAsync(
        ChannelKind platform, string tenantId, string userId, CancellationToken cancellationToken, Pipeline.ReadAhead? ahead = null)
    {
        var key = KeyOf(platform, tenantId, userId);
        var read = StateStoreJsonExtensions.Deserialize(
            await Pipeline.ReadAhead.For(ahead, store, key, cancellationToken), key, RequestsJsonContext.Default.RequestDraft);
        return read is null ? null : new SavedDraft(new FormValues(read.Value.Values), read.Value.SavedAt);
    }

    /// <summary>Saves the values as the user's draft (the latest save wins; it is the same person). Empty values save nothing.</summary>
    public async Task<bool> SaveAsync(
        ChannelKind platform, string tenantId, string userId, FormValues values, CancellationToken cancellationToken)
    {
        if (values.Count == 0)
        {
            return false;
        }

        var key = KeyOf(platform, tenantId, userId);
        var draft = new RequestDraft(values.ToDictionary(), time.GetUtcNow());
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var read = await store.ReadAsync(key, RequestsJsonContext.Default.RequestDraft, cancellationToken);
            var write = await store.WriteAsync(key, draft, RequestsJsonContext.Default.RequestDraft,
                ETagCondition.For(read), TimeToLive, cancellationToken);
            if (write.Succeeded)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Forgets the draft once its request is stored.</summary>
    public Task<bool> DeleteAsync(ChannelKind platform, string tenantId, string userId, CancellationToken cancellationToken) =>
        store.DeleteAsync(KeyOf(platform, tenantId, userId), ETagCondition.Any, cancellationToken);

    /// <summary>Where a user's draft is stored.</summary>
    public static StateKey KeyOf(ChannelKind platform, string tenantId, string userId) =>
        new($"itrdraft:{platform.ToString().ToLowerInvariant()}:{tenantId}:{userId}");
}
