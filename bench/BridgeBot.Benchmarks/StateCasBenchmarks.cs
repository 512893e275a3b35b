namespace BridgeBot.Benchmarks;

using BenchmarkDotNet.Attributes;
using BridgeBot.Core.State;

/// <summary>One dialog-state round trip as the pipeline does it: read with its etag, then a conditional write.</summary>
[MemoryDiagnoser]
public class StateCasBenchmarks
{
    private readonly InMemoryStateStore _store = new(TimeProvider.System);
    private readonly StateKey _key = new("dialog:slack:T0BENCH:C0BENCH023:U0BENCH121", string.Empty);
    private readonly byte[] _value = new byte[256];

    [GlobalSetup]
    public void Setup() => _store.WriteAsync(_key, _value, ETagCondition.Any, null, CancellationToken.None).GetAwaiter().GetResult();

    [Benchmark]
    public async Task<StateWriteResult> ReadThenConditionalWrite()
    {
        var current = await _store.ReadAsync(_key, CancellationToken.None);
        return await _store.WriteAsync(_key, _value, ETagCondition.For(current), null, CancellationToken.None);
    }
}
