namespace BridgeBot.Slack.Http;

using System.Text;
using System.Text.Json;
using BridgeBot.Slack.Handling;
using BridgeBot.Slack.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

/// <summary>
/// The three Slack Request URLs. Each reads the raw body once, verifies the signature before parsing anything,
/// and hands the parsed payload to the same handler Socket Mode uses.
/// </summary>
internal sealed partial class SlackEndpoints(
    SlackSignatureVerifier verifier,
    SlackCommandHandler commands,
    SlackInteractionHandler interactions,
    SlackEventHandler events,
    ILogger<SlackEndpoints> logger)
{
    public async Task CommandsAsync(HttpContext context)
    {
        var body = await ReadVerifiedAsync(context, allowSslCheck: true);
        if (body is null)
        {
            return;
        }

        var form = UrlEncodedForm.Parse(body);
        if (form is null)
        {
            await WriteAsync(context, SlackAck.Text(400, "The body is not a valid form."));
            return;
        }

        if (Field(form, "ssl_check") == "1")
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var command = new SlashCommandPayload
        {
            Command = Field(form, "command"),
            Text = Field(form, "text"),
            TriggerId = Field(form, "trigger_id"),
            UserId = Field(form, "user_id"),
            UserName = Field(form, "user_name"),
            TeamId = Field(form, "team_id"),
            ChannelId = Field(form, "channel_id"),
            ResponseUrl = Field(form, "response_url"),
        };
        await WriteAsync(context, await commands.HandleAsync(command, body));
    }

    public async Task InteractivityAsync(HttpContext context)
    {
        var body = await ReadVerifiedAsync(context, allowSslCheck: false);
        if (body is null)
        {
            return;
        }

        var payloadJson = UrlEncodedForm.Parse(body) is { } form ? Field(form, "payload") : null;
        var payload = payloadJson is null ? null : Deserialize(payloadJson, SlackJsonContext.Default.InteractionPayload);
        if (payload is null)
        {
            await WriteAsync(context, SlackAck.Text(400, "Expected a form field 'payload' holding an interaction JSON object."));
            return;
        }

        await WriteAsync(context, await interactions.HandleAsync(payload, body));
    }

    public async Task EventsAsync(HttpContext context)
    {
        var body = await ReadVerifiedAsync(context, allowSslCheck: false);
        if (body is null)
        {
            return;
        }

        EventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, SlackJsonContext.Default.EventEnvelope);
        }
        catch (JsonException)
        {
            envelope = null;
        }

        if (envelope is null)
        {
            await WriteAsync(context, SlackAck.Text(400, "Expected an Events API JSON object."));
            return;
        }

        if (context.Request.Headers["X-Slack-Retry-Num"] is { Count: > 0 } retry && logger.IsEnabled(LogLevel.Information))
        {
            var reason = context.Request.Headers["X-Slack-Retry-Reason"].ToString();
            var retryNum = retry.ToString();
            LogRetry(envelope.EventId ?? "?", retryNum, reason);
        }

        await WriteAsync(context, await events.HandleAsync(envelope));
    }

    private async Task<byte[]?> ReadVerifiedAsync(HttpContext context, bool allowSslCheck)
    {
        byte[]? body;
        try
        {
            body = await SlackRequestBody.ReadAsync(context.Request, context.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            context.Response.StatusCode = ex.StatusCode;
            return null;
        }

        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return null;
        }

        var check = verifier.Verify(
            body, context.Request.Headers["X-Slack-Request-Timestamp"].ToString(), context.Request.Headers["X-Slack-Signature"].ToString());
        if (check == SignatureCheck.Valid)
        {
            return body;
        }

        // Slack's SSL check for slash command URLs is not signed; it only wants a 200 (bolt-js HTTPModuleFunctions).
        if (allowSslCheck && check == SignatureCheck.MissingHeaders && UrlEncodedForm.Parse(body) is { } form && Field(form, "ssl_check") == "1")
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return null;
        }

        LogRefused(context.Request.Path.Value ?? string.Empty, check);
        await WriteAsync(context, SlackAck.Text(StatusCodes.Status401Unauthorized, "Slack request signature missing, stale or invalid."));
        return null;
    }

    private static string? Field(Dictionary<string, string> form, string name) => form.GetValueOrDefault(name);

    private static T? Deserialize<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task WriteAsync(HttpContext context, SlackAck ack)
    {
        context.Response.StatusCode = ack.Status;
        if (ack.Status >= 400)
        {
            // A refusal will not change on redelivery; without this Slack retries events three times.
            context.Response.Headers["X-Slack-No-Retry"] = "1";
        }

        if (ack.Body.IsEmpty)
        {
            return Task.CompletedTask;
        }

        context.Response.ContentType = ack.ContentType;
        context.Response.ContentLength = ack.Body.Length;
        return context.Response.Body.WriteAsync(ack.Body).AsTask();
    }

    [LoggerMessage(EventId = 4300, Level = LogLevel.Warning, Message = "Slack request to {Path} refused: {Check}")]
    private partial void LogRefused(string path, SignatureCheck check);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Slack redelivered event {EventId} (retry {RetryNum}, {Reason})")]
    private partial void LogRetry(string eventId, string retryNum, string reason);
}
