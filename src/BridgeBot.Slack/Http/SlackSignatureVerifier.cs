namespace BridgeBot.Slack.Http;

using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

/// <summary>Why a request was or was not accepted as coming from Slack.</summary>
public enum SignatureCheck
{
    Valid,
    MissingHeaders,
    MalformedHeaders,
    StaleTimestamp,
    Mismatch,
}

/// <summary>
/// Slack request signing: <c>v0=hex(HMAC-SHA256(secret, "v0:{ts}:{raw body}"))</c>, compared in constant time,
/// with a 5-minute window in both directions against replays.
/// </summary>
public sealed class SlackSignatureVerifier(byte[] signingSecret, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const int HexSignatureLength = 64;

    public SignatureCheck Verify(ReadOnlySpan<byte> body, string? timestamp, string? signature)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            timestamp.Length > 12 ||
            signature.Length != 3 + HexSignatureLength ||
            !signature.StartsWith("v0=", StringComparison.Ordinal))
        {
            return SignatureCheck.MalformedHeaders;
        }

        Span<byte> claimed = stackalloc byte[HexSignatureLength / 2];
        if (Convert.FromHexString(signature.AsSpan(3), claimed, out _, out var written) != System.Buffers.OperationStatus.Done ||
            written != claimed.Length)
        {
            return SignatureCheck.MalformedHeaders;
        }

        var skew = time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (Math.Abs(skew) > Window.TotalSeconds)
        {
            return SignatureCheck.StaleTimestamp;
        }

        Span<byte> expected = stackalloc byte[HexSignatureLength / 2];
        ComputeSignature(signingSecret, timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, claimed) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The signature Slack would send for this body, as the header value (used by tests and tools too).</summary>
    public static string Sign(byte[] signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[HexSignatureLength / 2];
        ComputeSignature(signingSecret, timestamp, body, mac);
        return "v0=" + Convert.ToHexStringLower(mac);
    }

    private static void ComputeSignature(byte[] secret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        // One-shot HMAC over "v0:{ts}:{body}" in a pooled buffer: cheaper per request than an incremental hash object.
        var length = 4 + timestamp.Length + body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan(0, length);
            "v0:"u8.CopyTo(buffer);
            var written = 3 + Encoding.ASCII.GetBytes(timestamp, buffer[3..]);
            buffer[written++] = (byte)':';
            body.CopyTo(buffer[written..]);
            HMACSHA256.HashData(secret, buffer, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
