namespace BridgeBot.Core.Tests.State;

using BridgeBot.Core.State;
using BridgeBot.TestKit;
using Microsoft.Extensions.Time.Testing;

public sealed class InMemoryStoreContractTests : StateStoreContract
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T09:00:00Z"));

    public InMemoryStoreContractTests()
    {
        Store = new InMemoryStateStore(_time);
        Dedup = new InMemoryDeduplicationStore(_time);
    }

    protected override IStateStore Store { get; }

    protected override IDeduplicationStore Dedup { get; }

    protected override Task LetTimePassAsync(TimeSpan span)
    {
        _time.Advance(span);
        return Task.CompletedTask;
    }
}

public sealed class InMemoryScheduleContractTests : ScheduleStoreContract
{
    protected override Core.Scheduling.IScheduleStore Schedule { get; } = new Core.Scheduling.InMemoryScheduleStore();
}

public sealed class InMemoryCollectionStoreContractTests : CollectionStoreContract
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T09:00:00Z"));

    public InMemoryCollectionStoreContractTests()
    {
        Store = new InMemoryStateStore(_time);
        Index = new InMemorySortedIndexStore(_time);
        Tally = new InMemoryTallyStore(_time);
    }

    protected override IStateStore Store { get; }

    protected override ISortedIndexStore Index { get; }

    protected override ITallyStore Tally { get; }

    protected override DateTimeOffset Now => _time.GetUtcNow();

    protected override Task LetTimePassAsync(TimeSpan span)
    {
        _time.Advance(span);
        return Task.CompletedTask;
    }
}
