namespace BridgeBot.Core.Tests.Requests;

using BridgeBot.Core.State;
using BridgeBot.TestKit;

/// <summary>A store decorator that can fail request writes or hold request reads until several readers arrived.</summary>
internal sealed class ControllableStateStore(IStateStore inner) : StateStoreDecorator(inner)
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

    public override async Task<Versioned<byte[]>?> ReadAsync(StateKey key, CancellationToken cancellationToken)
    {
        var result = await base.ReadAsync(key, cancellationToken);
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

    public override Task<StateWriteResult> WriteAsync(
        StateKey key, ReadOnlyMemory<byte> value, ETagCondition condition, TimeSpan? timeToLive, CancellationToken cancellationToken) =>
        FailRequestWrites && IsRequest(key)
            ? throw new IOException("State store unreachable.")
            : base.WriteAsync(key, value, condition, timeToLive, cancellationToken);

    private static bool IsRequest(StateKey key) =>
        key.Partition.StartsWith("request:", StringComparison.Ordinal);
}
