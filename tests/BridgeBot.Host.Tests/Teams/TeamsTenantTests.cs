namespace BridgeBot.Host.Tests.Teams;

using System.Collections.Concurrent;
using System.Net;
using BridgeBot.Core.State;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>The Teams tenant allow-list: activities from other tenants are refused before any state is read.</summary>
public sealed class TeamsTenantTests : IAsyncLifetime
{
    private const string OtherTenant = "77777777-0000-0000-0000-000000000777";
    private readonly RecordingStores _stores = new();
    private TeamsHost _host = null!;

    public async Task InitializeAsync() => _host = await TeamsHost.StartAsync(services =>
    {
        services.RemoveAll<IStateStore>();
        services.AddSingleton<IStateStore>(_stores);
        services.RemoveAll<IDeduplicationStore>();
        services.AddSingleton<IDeduplicationStore>(_stores);
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_ActivityFromTheBotsOwnTenant_Returns200()
    {
        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(_stores.Keys, k => k.Contains(FakeBotFramework.TenantId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_ActivityFromAnotherTenant_Returns403AndTouchesNoState()
    {
        var activity = Activities.Message(_host.Fake.ServiceUrl, "help", id: "activity-from-elsewhere");
        activity["conversation"]!["tenantId"] = OtherTenant;
        activity["channelData"]!["tenant"]!["id"] = OtherTenant;

        var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(_stores.Keys, k => k.Contains(OtherTenant, StringComparison.Ordinal) || k.Contains("activity-from-elsewhere", StringComparison.Ordinal));
        Assert.Empty(_host.Fake.ConnectorCalls);
    }

    [Fact]
    public async Task Post_ChannelDataTenantDiffersFromConversationTenant_Returns403()
    {
        var activity = Activities.Message(_host.Fake.ServiceUrl, "help");
        activity["channelData"]!["tenant"]!["id"] = OtherTenant;

        var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_ActivityWithoutTenant_Returns403()
    {
        var activity = Activities.Message(_host.Fake.ServiceUrl, "help");
        activity["conversation"]!.AsObject().Remove("tenantId");
        activity.Remove("channelData");

        var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_TenantOnTheConfiguredList_Returns200()
    {
        await using var host = await TeamsHost.StartAsync(configure: b =>
        {
            b.UseSetting("Teams:AllowedTenantIds:0", FakeBotFramework.TenantId);
            b.UseSetting("Teams:AllowedTenantIds:1", OtherTenant);
        });
        var activity = Activities.Message(host.Fake.ServiceUrl, "help");
        activity["conversation"]!["tenantId"] = OtherTenant;
        activity["channelData"]!["tenant"]!["id"] = OtherTenant;

        var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>In-memory stores that remember every key and delivery id they were asked about.</summary>
    private sealed class RecordingStores : IStateStore, IDeduplicationStore
    {
        private readonly InMemoryStateStore _state = new(TimeProvider.System);
        private readonly InMemoryDeduplicationStore _dedup = new(TimeProvider.System);
        private readonly ConcurrentQueue<string> _keys = new();

        public IReadOnlyList<string> Keys => _keys.ToArray();

        public Task<Versioned<byte[]>?> ReadAsync(StateKey key, CancellationToken cancellationToken) => Record(key, _state.ReadAsync(key, cancellationToken));

        public Task<StateWriteResult> WriteAsync(StateKey key, ReadOnlyMemory<byte> value, ETagCondition condition, TimeSpan? timeToLive, CancellationToken cancellationToken) =>
            Record(key, _state.WriteAsync(key, value, condition, timeToLive, cancellationToken));

        public Task<bool> DeleteAsync(StateKey key, ETagCondition condition, CancellationToken cancellationToken) => Record(key, _state.DeleteAsync(key, condition, cancellationToken));

        public Task<long> IncrementAsync(StateKey key, long seed, CancellationToken cancellationToken) => Record(key, _state.IncrementAsync(key, seed, cancellationToken));

        public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> TryBeginAsync(string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken) =>
            Record(new StateKey("dedup", deliveryId), _dedup.TryBeginAsync(deliveryId, timeToLive, cancellationToken));

        public Task CompleteAsync(string deliveryId, TimeSpan keepFor, CancellationToken cancellationToken) =>
            Record(new StateKey("dedup", deliveryId), _dedup.CompleteAsync(deliveryId, keepFor, cancellationToken));

        public Task ForgetAsync(string deliveryId, CancellationToken cancellationToken) =>
            Record(new StateKey("dedup", deliveryId), _dedup.ForgetAsync(deliveryId, cancellationToken));

        private T Record<T>(StateKey key, T result)
        {
            _keys.Enqueue(key.ToString());
            return result;
        }
    }
}
