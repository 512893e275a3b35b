namespace BridgeBot.Core.Digest;

using System.Text.Json;
using System.Text.Json.Serialization;
using BridgeBot.Core.State;

/// <summary>
/// One week's digest in the shared store: who is sending it (until when), the channels a host started posting to,
/// those it reached, and the started ones given up on because their host stopped before recording the outcome.
/// </summary>
internal sealed record DigestClaim(string Owner, DateTimeOffset LeaseUntil, IReadOnlyList<string> SentTo, bool Done)
{
    /// <summary>Channels a host began posting to. Nobody posts to a started channel again, whatever became of the post.</summary>
    public IReadOnlyList<string> Started { get; init; } = [];

    /// <summary>Started channels whose host lost the claim before recording the outcome: perhaps posted, never posted again.</summary>
    public IReadOnlyList<string> Unconfirmed { get; init; } = [];

    /// <summary>Started channels with no recorded outcome: their host stopped or lost the claim mid-send.</summary>
    public IReadOnlyList<string> Abandoned() => Started.Except(SentTo).Except(Unconfirmed).ToList();
}

/// <summary>
/// A claim this host holds. Every change is a compare-and-set on the etag this host wrote last, one change at a time,
/// and moves the lease on; a renewal every third of the lease does the same while nothing else changes, so a send
/// that takes longer than the lease keeps it. A change that meets another etag means another host took the claim
/// over: the claim is lost and nothing more is written.
/// </summary>
internal sealed class HeldDigestClaim : IAsyncDisposable
{
    // Claims are kept for a few weeks, long past any catch-up, so that a late host never sends an old week again.
    public static readonly TimeSpan Keep = TimeSpan.FromDays(28);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly IStateStore _store;
    private readonly StateKey _key;
    private readonly TimeSpan _lease;
    private readonly TimeProvider _time;
    private string _etag;
    private Task _renewing = Task.CompletedTask;
    private volatile bool _lost;

    private HeldDigestClaim(IStateStore store, StateKey key, DigestClaim value, string etag, TimeSpan lease, TimeProvider time)
    {
        _store = store;
        _key = key;
        Value = value;
        _etag = etag;
        _lease = lease;
        _time = time;
    }

    public DigestClaim Value { get; private set; }

    /// <summary>Writes <paramref name="claim"/> over what was read (create-if-absent when nothing was); null when another host won.</summary>
    public static async Task<HeldDigestClaim?> TakeAsync(
        IStateStore store, StateKey key, Versioned<DigestClaim>? read, DigestClaim claim, TimeSpan lease, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var write = await store.WriteAsync(key, claim, DigestJsonContext.Default.DigestClaim, ETagCondition.For(read), Keep, cancellationToken);
        if (!write.Succeeded)
        {
            return null;
        }

        var held = new HeldDigestClaim(store, key, claim, write.ETag!, lease, time);
        held._renewing = held.RenewAsync(held._stopRenewing.Token);
        return held;
    }

    /// <summary>Applies <paramref name="change"/> (and a new lease) with compare-and-set; false when the claim is lost.</summary>
    public async Task<bool> ChangeAsync(Func<DigestClaim, DigestClaim> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_lost)
            {
                return false;
            }

            var next = change(Value) with { LeaseUntil = _time.GetUtcNow() + _lease };
            var write = await _store.WriteAsync(_key, next, DigestJsonContext.Default.DigestClaim, ETagCondition.Matches(_etag), Keep,
                cancellationToken);
            if (!write.Succeeded)
            {
                _lost = true;
                return false;
            }

            Value = next;
            _etag = write.ETag!;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// <see cref="ChangeAsync"/> for what already happened outside the store (a post went out): not cancellable, and an
    /// unreachable store is waited out until the lease ends, since a dropped record makes the channel look abandoned.
    /// </summary>
    public Task<bool> RecordAsync(Func<DigestClaim, DigestClaim> change) =>
        StateStoreRetry.UntilAsync(ct => ChangeAsync(change, ct), Value.LeaseUntil, _time, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _stopRenewing.CancelAsync();
        try
        {
            await _renewing;
        }
        catch (OperationCanceledException)
        {
        }

        _stopRenewing.Dispose();
        _gate.Dispose();
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        // Created before the first await, so the first renewal is due a third of a lease after the claim was taken.
        using var timer = new PeriodicTimer(_lease / 3, _time);
        while (!_lost && await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await ChangeAsync(claim => claim, cancellationToken);
            }
            catch (StateStoreUnavailableException)
            {
                // The store may answer again before the lease ends; if not, another host takes over (see WeeklyDigestSender).
            }
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DigestClaim))]
internal sealed partial class DigestJsonContext : JsonSerializerContext;
