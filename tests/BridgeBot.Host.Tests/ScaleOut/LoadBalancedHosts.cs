namespace BridgeBot.Host.Tests.ScaleOut;

using Microsoft.AspNetCore.Mvc.Testing;

/// <summary>
/// Replicas of the real host behind a round-robin load balancer: each request from <see cref="CreateClient"/> goes
/// to the next replica, so consecutive steps of a journey land on different hosts. With one replica it is simply
/// that host.
/// </summary>
internal sealed class LoadBalancedHosts : IAsyncDisposable
{
    private readonly List<WebApplicationFactory<Program>> _replicas;
    private readonly List<HttpMessageInvoker> _invokers;
    private readonly int[] _served;
    private int _next = -1;

    private LoadBalancedHosts(int replicas, Func<WebApplicationFactory<Program>> create)
    {
        _replicas = Enumerable.Range(0, replicas).Select(_ => create()).ToList();
        _invokers = _replicas.Select(f => new HttpMessageInvoker(f.Server.CreateHandler(), disposeHandler: true)).ToList();
        _served = new int[replicas];
    }

    /// <summary>Creates and starts <paramref name="replicas"/> hosts, one after another.</summary>
    public static LoadBalancedHosts Start(int replicas, Func<WebApplicationFactory<Program>> create) => new(replicas, create);

    public IReadOnlyList<WebApplicationFactory<Program>> Replicas => _replicas;

    /// <summary>The first replica's services: shared state reads the same from any of them.</summary>
    public IServiceProvider Services => _replicas[0].Services;

    /// <summary>How many requests each replica was given, by replica.</summary>
    public IReadOnlyList<int> RequestsServed => [.. _served];

    public HttpClient CreateClient() => new(new RoundRobin(this), disposeHandler: true) { BaseAddress = new Uri("http://localhost/") };

    public async ValueTask DisposeAsync()
    {
        foreach (var invoker in _invokers)
        {
            invoker.Dispose();
        }

        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
    }

    private HttpMessageInvoker Next()
    {
        var replica = (int)((uint)Interlocked.Increment(ref _next) % (uint)_invokers.Count);
        Interlocked.Increment(ref _served[replica]);
        return _invokers[replica];
    }

    private sealed class RoundRobin(LoadBalancedHosts hosts) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            hosts.Next().SendAsync(request, cancellationToken);
    }
}
