namespace BridgeBot.Slack.Handling;

using System.Security.Cryptography;

/// <summary>
/// De-duplication keys: Slack's own ids where it has them (event_id; trigger_id, unique per user action),
/// otherwise a hash of the payload, which a redelivery repeats byte for byte.
/// </summary>
public static class DeliveryIds
{
    public static string For(string prefix, string? slackId, ReadOnlySpan<byte> payload)
    {
        if (!string.IsNullOrEmpty(slackId))
        {
            return string.Concat(prefix, ":", slackId);
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        return string.Concat(prefix, ":h", Convert.ToHexStringLower(hash[..16]));
    }
}
