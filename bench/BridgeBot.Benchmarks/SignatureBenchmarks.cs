namespace BridgeBot.Benchmarks;

using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BridgeBot.Slack.Http;

/// <summary>S1's first step: the Slack request signature (HMAC-SHA256 over the S1 body, constant-time compare).</summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("bench-secret");
    private readonly SlackSignatureVerifier _verifier = new(Secret, TimeProvider.System);
    private readonly byte[] _body = Encoding.UTF8.GetBytes(
        "token=bench-verification-token&team_id=T0BENCH&team_domain=bench&channel_id=C0BENCH023&channel_name=bench-23&" +
        "user_id=U0BENCH121&user_name=bench.user121&command=%2Fitrequest&text=reset+my+password+please&api_app_id=A0BENCH&" +
        "is_enterprise_install=false&response_url=http%3A%2F%2F127.0.0.1%3A18080%2Fcommands%2F1&trigger_id=1234.5678.abcdef");

    private string _timestamp = string.Empty;
    private string _signature = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _signature = SlackSignatureVerifier.Sign(Secret, _timestamp, _body);
    }

    [Benchmark]
    public SignatureCheck Verify() => _verifier.Verify(_body, _timestamp, _signature);
}
