namespace BridgeBot.Core.State;

/// <summary>
/// First-seen-wins record of delivery ids, so that platform retries of one delivery are processed once.
/// </summary>
public interface IDeduplicationStore
{
    /// <summary>True for the first caller with this id within <paramref name="timeToLive"/>, false for every later one.</summary>
    Task<bool> TryBeginAsync(string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps an id whose processing finished for <paramref name="keepFor"/>, however long its claim from
    /// <see cref="TryBeginAsync"/> was, so that late retries of it are still dropped.
    /// </summary>
    Task CompleteAsync(string deliveryId, TimeSpan keepFor, CancellationToken cancellationToken);

    /// <summary>Forgets an id whose processing failed, so that the platform's retry is processed.</summary>
    Task ForgetAsync(string deliveryId, CancellationToken cancellationToken);
}
