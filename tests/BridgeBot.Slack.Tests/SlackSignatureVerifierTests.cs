namespace BridgeBot.Slack.Tests;

using System.Globalization;
using System.Text;
using BridgeBot.Slack.Http;
using Microsoft.Extensions.Time.Testing;

public sealed class SlackSignatureVerifierTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("8f742231b10e8888abcd99yyyzzz85a5");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("token=x&team_id=T1&user_id=U1&command=%2Fitrequest&text=");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    private SlackSignatureVerifier Verifier => new(Secret, _time);

    private string Now => _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Verify_ValidSignature_IsValid() =>
        Assert.Equal(SignatureCheck.Valid, Verifier.Verify(Body, Now, SlackSignatureVerifier.Sign(Secret, Now, Body)));

    [Fact]
    public void Verify_KnownSlackExample_IsValid()
    {
        // The worked example from Slack's "Verifying requests from Slack" documentation.
        var secret = Encoding.UTF8.GetBytes("8f742231b10e8888abcd99yyyzzz85a5");
        var body = Encoding.UTF8.GetBytes(
            "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
        var verifier = new SlackSignatureVerifier(secret, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1531420618)));

        var check = verifier.Verify(body, "1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Fact]
    public void Verify_WrongSecret_IsMismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, Verifier.Verify(Body, Now, SlackSignatureVerifier.Sign("other"u8.ToArray(), Now, Body)));

    [Fact]
    public void Verify_BodyAlteredAfterSigning_IsMismatch()
    {
        var signature = SlackSignatureVerifier.Sign(Secret, Now, Body);
        var altered = Encoding.UTF8.GetBytes("token=x&team_id=T1&user_id=U2&command=%2Fitrequest&text=");

        Assert.Equal(SignatureCheck.Mismatch, Verifier.Verify(altered, Now, signature));
    }

    [Fact]
    public void Verify_TimestampChangedAfterSigning_IsMismatch()
    {
        var signature = SlackSignatureVerifier.Sign(Secret, Now, Body);
        var other = (_time.GetUtcNow().ToUnixTimeSeconds() - 1).ToString(CultureInfo.InvariantCulture);

        Assert.Equal(SignatureCheck.Mismatch, Verifier.Verify(Body, other, signature));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    [InlineData(86400)]
    public void Verify_TimestampOutsideFiveMinutes_IsStale(int offsetSeconds)
    {
        var ts = (_time.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds).ToString(CultureInfo.InvariantCulture);

        Assert.Equal(SignatureCheck.StaleTimestamp, Verifier.Verify(Body, ts, SlackSignatureVerifier.Sign(Secret, ts, Body)));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Verify_TimestampAtWindowEdge_IsValid(int offsetSeconds)
    {
        var ts = (_time.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds).ToString(CultureInfo.InvariantCulture);

        Assert.Equal(SignatureCheck.Valid, Verifier.Verify(Body, ts, SlackSignatureVerifier.Sign(Secret, ts, Body)));
    }

    [Theory]
    [InlineData(null, "v0=abc")]
    [InlineData("1700000000", null)]
    [InlineData("", "")]
    public void Verify_MissingHeader_IsMissingHeaders(string? timestamp, string? signature) =>
        Assert.Equal(SignatureCheck.MissingHeaders, Verifier.Verify(Body, timestamp, signature));

    [Theory]
    [InlineData("17e8", "v0=")]
    [InlineData("-1700000000", "v0=")]
    [InlineData("1700000000", "v1=")]
    [InlineData("1700000000", "v0=zz")]
    [InlineData("1700000000", "sha256=")]
    public void Verify_GarbledHeader_IsMalformed(string timestamp, string signaturePrefix)
    {
        var signature = signaturePrefix.PadRight(67, signaturePrefix.EndsWith("zz") ? 'z' : 'a');

        Assert.Equal(SignatureCheck.MalformedHeaders, Verifier.Verify(Body, timestamp, signature));
    }
}
