namespace BridgeBot.Teams.Cards;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Outbound;
using BridgeBot.Teams.Protocol;
using Microsoft.Extensions.Logging;

/// <summary>
/// Turns a <see cref="DialogResult"/> into what Teams shows: a message activity, or the body that answers an
/// Action.Execute invoke. Cards over the size budget are refused (logged) and the plain text is sent instead.
/// </summary>
public sealed partial class TeamsMessageRenderer(ILogger<TeamsMessageRenderer> logger)
{
    /// <summary>Teams' conservative per-message budget (PROTOCOLS A5).</summary>
    public const int MaxCardBytes = 28 * 1024;

    private const string OversizeText = "This answer is too large to show here.";

    /// <summary>The card this result shows, or null when it shows none (text only, nothing).</summary>
    public RawJson? CardFor(DialogResult result) => result switch
    {
        ReplyResult { Message.Card: { } card } => Guard(AdaptiveCardRenderer.RenderSummary(card), card.Title),
        ShowFormResult form => Guard(AdaptiveCardRenderer.RenderForm(form.View), form.View.Form.Id),
        FormErrorsResult form => Guard(AdaptiveCardRenderer.RenderForm(form.View), form.View.Form.Id),
        _ => null,
    };

    /// <summary>The message activity for a result, or null when there is nothing to send.</summary>
    public Activity? ToActivity(DialogResult result) => result switch
    {
        ReplyResult reply => ToActivity(reply.Message),
        ShowFormResult or FormErrorsResult => CardActivity(CardFor(result), FormText(result)),
        _ => null,
    };

    /// <summary>The message activity for a proactive or reply message.</summary>
    public Activity ToActivity(OutboundMessage message) =>
        message.Card is null ? TextActivity(message.Text) : CardActivity(CardFor(DialogResult.Reply(message)), message.Text);

    /// <summary>The inline answer to an Action.Execute invoke: the refreshed card, or a message.</summary>
    public AdaptiveCardInvokeResponse ToInvokeResponse(DialogResult result)
    {
        if (CardFor(result) is { } card)
        {
            return new AdaptiveCardInvokeResponse { Type = AdaptiveCardInvokeResponse.CardType, Value = card };
        }

        var text = result switch
        {
            ReplyResult reply => reply.Message.Text,
            ShowFormResult or FormErrorsResult => OversizeText,
            _ => "Done.",
        };
        return new AdaptiveCardInvokeResponse { Type = AdaptiveCardInvokeResponse.MessageType, Value = RawJson.String(text) };
    }

    private static Activity TextActivity(string text) => new() { Type = "message", Text = text, TextFormat = "plain" };

    private static Activity CardActivity(RawJson? card, string text) => card is null
        ? TextActivity(string.IsNullOrEmpty(text) ? OversizeText : text)
        : new Activity
        {
            Type = "message",
            Summary = text,
            Attachments = [new Attachment { ContentType = AdaptiveCardRenderer.ContentType, Content = card }],
        };

    private static string FormText(DialogResult result) => result switch
    {
        ShowFormResult form => form.View.Form.Title,
        FormErrorsResult form => form.View.Form.Title,
        _ => string.Empty,
    };

    private RawJson? Guard(RawJson card, string what)
    {
        if (card.Utf8.Length <= MaxCardBytes)
        {
            return card;
        }

        LogCardTooLarge(what, card.Utf8.Length, MaxCardBytes);
        return null;
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Error,
        Message = "Refused to send the card '{What}': {Size} bytes is over the {Limit}-byte Teams budget; sending its text instead.")]
    private partial void LogCardTooLarge(string what, int size, int limit);
}
