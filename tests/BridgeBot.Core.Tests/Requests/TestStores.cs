namespace BridgeBot.Core.Tests.Requests;

using BridgeBot.Core.State;

/// <summary>A store decorator that can fail request writes or hold request reads until several readers arrived.</summary>
internal sealed class ControllableStateStore(IStateStore inner) : IStateStore
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _readersArrived;
    private int _readersExpected;

    /// <summary>When set, writes of stored requests throw as an unreachable store would.</summary>
    public bool FailRequestWrites { get; set; }

    /// <summary>The next <paramref name="readers"/> reads of a request wait for each other, so they all see the same version.</summary>
    public void HoldRequestReads(int readers)
    {
        lock (_gate)
        {
            _readersExpected = readers;
            _readersArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public async Task<Versioned<byte[]>?> ReadAsync(StateKey key, CancellationToken cancellationToken)
    {
        var result = await inner.ReadAsync(key, cancellationToken);
        Task? wait = null;
        lock (_gate)
        {
            if (_readersArrived is { } arrived && IsRequest(key))
            {
                wait = arrived.Task;
                if (--_readersExpected == 0)
                {
                    arrived.SetResult();
                    _readersArrived = null;
                }
            }
        }

        if (wait is not null)
        {
            await wait.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }

        return result;
    }

    public Task<StateWriteResult> WriteAsync(
        StateKey key, ReadOnlyMemory<byte> value, ETagCondition condition, TimeSpan? timeToLive, CancellationToken cancellationToken) =>
        FailRequestWrites && IsRequest(key)
            ? throw new IOException("State store unreachable.")
            : inner.WriteAsync(key, value, condition, timeToLive, cancellationToken);

    public Task<bool> DeleteAsync(StateKey key, ETagCondition condition, CancellationToken cancellationToken) =>
        inner.DeleteAsync(key, condition, cancellationToken);

    public Task<long> IncrementAsync(StateKey key, long seed, CancellationToken cancellationToken) =>
        inner.IncrementAsync(key, seed, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

    private static bool IsRequest(StateKey key) =>
        key.Partition.StartsWith("request:", StringComparison.Ordinal);
}
