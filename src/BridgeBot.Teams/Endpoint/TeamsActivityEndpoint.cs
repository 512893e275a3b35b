namespace BridgeBot.Teams.Endpoint;

using System.Net;
using System.Text.Json;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;
using BridgeBot.Teams.Auth;
using BridgeBot.Teams.Connector;
using BridgeBot.Teams.Mapping;
using BridgeBot.Teams.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>
/// <c>POST /api/messages</c>: size cap, token, parse, activity checks, then the turn and its answer. The turn and its
/// reply get <see cref="TeamsOptions.AckBudget"/>; past that Teams is answered 200 and the work finishes in the background.
/// </summary>
internal sealed partial class TeamsActivityEndpoint(
    BotFrameworkAuthenticator authenticator,
    TurnPipeline pipeline,
    TeamsTurnResponder responder,
    ConversationReferenceStore references,
    BackgroundWork background,
    IOptions<TeamsOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<TeamsActivityEndpoint> logger)
{
    private readonly TeamsOptions _options = options.Value;
    private readonly bool _anonymousAllowed = !options.Value.HasAppId && environment.IsDevelopment();

    public async Task HandleAsync(HttpContext context)
    {
        using var body = await RequestBody.ReadAsync(context);
        if (body is null)
        {
            Refuse(context, new AuthOutcome(StatusCodes.Status413PayloadTooLarge, "body over the cap"));
            return;
        }

        var token = await AuthenticateAsync(context);
        if (!token.Succeeded)
        {
            Refuse(context, token);
            return;
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body.Span, TeamsJsonContext.Default.Activity);
        }
        catch (JsonException ex)
        {
            LogMalformed(ex.Message);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (activity?.Type is null || activity.ServiceUrl is null || activity.Conversation?.Id is null)
        {
            LogMalformed("type, serviceUrl or conversation.id missing");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var checkedActivity = BotFrameworkAuthenticator.CheckActivity(token, activity);
        if (!checkedActivity.Succeeded)
        {
            Refuse(context, checkedActivity);
            return;
        }

        if (!TenantAllowed(activity))
        {
            Refuse(context, AuthOutcome.Forbidden("the activity's tenant is not on Teams:AllowedTenantIds"));
            return;
        }

        var turn = TeamsTurnMapper.Map(activity, time.GetUtcNow());
        if (turn is not null && !_options.EffectiveDeduplicateActivities && turn.Payload is not BotInstalled)
        {
            // An empty delivery id opts the turn out of the pipeline's de-duplication.
            turn = turn with { DeliveryId = string.Empty };
        }

        if (activity.Type == "invoke")
        {
            await HandleInvokeAsync(context, activity, turn);
            return;
        }

        var work = RunAsync(activity, turn, background.AbandonToken);
        if (!await FinishesWithinBudgetAsync(work, context.RequestAborted))
        {
            LogContinuing(activity.Id, _options.AckBudget.TotalSeconds);
            background.Track(work, "Teams turn");
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private async Task HandleInvokeAsync(HttpContext context, Activity activity, InboundTurn? turn)
    {
        if (turn is null)
        {
            // Only Action.Execute is answered; other invokes are "not implemented" like the SDK's ActivityHandler,
            // and an Action.Execute without an action object is malformed (the SDK answers 400 too).
            context.Response.StatusCode = activity.Name == TeamsTurnMapper.AdaptiveCardActionInvoke
                ? StatusCodes.Status400BadRequest
                : StatusCodes.Status501NotImplemented;
            return;
        }

        var work = RunInvokeAsync(activity, turn, background.AbandonToken);
        AdaptiveCardInvokeResponse answer;
        if (await FinishesWithinBudgetAsync(work, context.RequestAborted))
        {
            answer = await work;
        }
        else
        {
            LogContinuing(activity.Id, _options.AckBudget.TotalSeconds);
            background.Track(SendLateInvokeAnswerAsync(activity, work), "Teams invoke answer");
            answer = TeamsTurnResponder.StillWorking;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, answer, TeamsJsonContext.Default.AdaptiveCardInvokeResponse, context.RequestAborted);
    }

    private async Task RunAsync(Activity activity, InboundTurn? turn, CancellationToken cancellationToken)
    {
        await references.RememberAsync(activity, cancellationToken);
        if (turn is null)
        {
            return;
        }

        var result = await pipeline.RunAsync(turn, cancellationToken);
        await responder.ReplyAsync(activity, turn, result, cancellationToken);
    }

    private async Task<AdaptiveCardInvokeResponse> RunInvokeAsync(Activity activity, InboundTurn turn, CancellationToken cancellationToken)
    {
        await references.RememberAsync(activity, cancellationToken);
        var result = await pipeline.RunAsync(turn, cancellationToken);
        return responder.ToInvokeResponse(result);
    }

    private async Task SendLateInvokeAnswerAsync(Activity activity, Task<AdaptiveCardInvokeResponse> work) =>
        await responder.SendLateInvokeAnswerAsync(activity, await work, background.AbandonToken);

    private async Task<bool> FinishesWithinBudgetAsync(Task work, CancellationToken requestAborted)
    {
        if (work.IsCompleted)
        {
            return true;
        }

        try
        {
            await work.WaitAsync(_options.AckBudget, time, requestAborted);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            return false;
        }
    }

    // Teams puts the tenant in both places; when they disagree the activity is not trusted for either.
    private bool TenantAllowed(Activity activity)
    {
        var conversationTenant = activity.Conversation?.TenantId;
        var channelTenant = activity.ChannelData?.Tenant?.Id;
        if (conversationTenant is not null && channelTenant is not null &&
            !string.Equals(conversationTenant, channelTenant, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return _options.IsTenantAllowed(conversationTenant ?? channelTenant);
    }

    private async Task<AuthOutcome> AuthenticateAsync(HttpContext context)
    {
        if (_options.HasAppId)
        {
            return await authenticator.ValidateAsync(context.Request.Headers.Authorization, context.RequestAborted);
        }

        // Without an app registration only a Development host serves local clients (Agents Playground, benchmarks).
        return _anonymousAllowed && context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
            ? AuthOutcome.Anonymous
            : AuthOutcome.Unauthorized("no Teams:AppId is configured and the request is not local Development traffic");
    }

    private void Refuse(HttpContext context, AuthOutcome outcome)
    {
        LogRefused(outcome.Status, outcome.Reason ?? "refused");
        context.Response.StatusCode = outcome.Status;
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Teams request refused with {Status}: {Reason}")]
    private partial void LogRefused(int status, string reason);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Teams request refused with 400: {Reason}")]
    private partial void LogMalformed(string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Activity {ActivityId} took longer than {Budget} s; answered 200 and finishing in the background.")]
    private partial void LogContinuing(string? activityId, double budget);
}
