namespace BridgeBot.Benchmarks;

using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BridgeBot.Teams.Protocol;

/// <summary>T1's first step: a Bot Framework message activity (the WORKLOADS.md body) into the Teams DTO.</summary>
[MemoryDiagnoser]
public class ActivityParseBenchmarks
{
    private readonly byte[] _body = Encoding.UTF8.GetBytes(
        """
        {"type":"message","id":"bench-000042-1a2b3c4d","timestamp":"2026-11-23T05:00:00.000Z","localTimestamp":"2026-11-23T06:00:00.000+01:00",
         "serviceUrl":"http://127.0.0.1:18080/","channelId":"msteams",
         "from":{"id":"29:bench-user-017","name":"Bench User 17","aadObjectId":"6f1c1f6e-0000-4000-8000-000000000017"},
         "conversation":{"id":"a:bench-conv-0602","conversationType":"personal","tenantId":"bench-tenant"},
         "recipient":{"id":"28:bench-bot","name":"BridgeBot"},"text":"hello","textFormat":"plain",
         "locale":"en-US","channelData":{"tenant":{"id":"bench-tenant"}}}
        """);

    [Benchmark]
    public Activity? Deserialize() => JsonSerializer.Deserialize(_body, TeamsJsonContext.Default.Activity);
}
