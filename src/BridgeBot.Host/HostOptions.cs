namespace BridgeBot.Host;

using System.ComponentModel.DataAnnotations;

/// <summary>Settings of the HTTP host itself (section <c>Host</c>).</summary>
public sealed class BridgeBotHostOptions
{
    public const string Section = "Host";

    /// <summary>Largest accepted request body; Teams activities and Slack payloads are far smaller.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 512 * 1024;
}
