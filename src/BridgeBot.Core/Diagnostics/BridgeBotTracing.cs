namespace BridgeBot.Core.Diagnostics;

using System.Diagnostics;

/// <summary>
/// The bot's spans, on the <c>BridgeBot</c> activity source: a turn (with the dialog it ran), state loads and saves.
/// Outbound HTTP calls are traced by the HttpClient instrumentation and tagged with <see cref="ApiTag"/> and
/// <see cref="OperationTag"/>. Attributes hold channel, dialog, outcome and operation names, never personal data
/// (no user, conversation, mailbox, text or URL path).
/// </summary>
public sealed class BridgeBotTracing : IDisposable
{
    /// <summary>Name of the activity source that holds every BridgeBot span.</summary>
    public const string SourceName = "BridgeBot";

    public const string ChannelTag = "bridgebot.channel";
    public const string TurnKindTag = "bridgebot.turn.kind";
    public const string DialogTag = "bridgebot.dialog";
    public const string OutcomeTag = "bridgebot.outcome";
    public const string ApiTag = "bridgebot.api";
    public const string OperationTag = "bridgebot.operation";

    /// <summary>The <c>HttpRequestMessage.Options</c> key under which clients name the operation of an outbound call.</summary>
    public const string OperationOption = "BridgeBot.Operation";

    public ActivitySource Source { get; } = new(SourceName);

    /// <summary>Starts an internal span, or returns null when nobody listens (tracing off or not sampled).</summary>
    public Activity? Start(string name) => Source.StartActivity(name, ActivityKind.Internal);

    public void Dispose() => Source.Dispose();
}
