namespace BridgeBot.Benchmarks;

using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

/// <summary>
/// What one outbound call pays for the standard resilience pipeline every BridgeBot client uses (rate limiter, total
/// timeout, retry, circuit breaker, attempt timeout), against the same IHttpClientFactory client without it. The
/// primary handler answers 200 at once, so the difference is the pipeline alone; in a turn the inner call completes
/// later, and each strategy's await then costs its state machine as well.
/// </summary>
[MemoryDiagnoser]
public class ResilienceBenchmarks
{
    private static readonly Uri Reply = new("http://127.0.0.1:18080/v3/conversations/a%3Abench/activities/1");
    private ServiceProvider _services = null!;
    private HttpClient _plain = null!;
    private HttpClient _standard = null!;
    private HttpClient _byAuthority = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        Register(services, "plain");
        Register(services, "standard").AddStandardResilienceHandler();
        Register(services, "by-authority").AddStandardResilienceHandler().SelectPipelineByAuthority();
        _services = services.BuildServiceProvider();
        var factory = _services.GetRequiredService<IHttpClientFactory>();
        _plain = factory.CreateClient("plain");
        _standard = factory.CreateClient("standard");
        _byAuthority = factory.CreateClient("by-authority");
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public Task<HttpStatusCode> WithoutPipeline() => SendAsync(_plain);

    [Benchmark]
    public Task<HttpStatusCode> StandardPipeline() => SendAsync(_standard);

    [Benchmark]
    public Task<HttpStatusCode> StandardPipelinePerAuthority() => SendAsync(_byAuthority);

    private static IHttpClientBuilder Register(IServiceCollection services, string name) =>
        services.AddHttpClient(name, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new AnswersOk())
            .RemoveAllLoggers();

    private static async Task<HttpStatusCode> SendAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Reply);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private sealed class AnswersOk : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }
}
