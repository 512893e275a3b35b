namespace BridgeBot.Core.Requests.Dialogs;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;
using Microsoft.Extensions.Logging;

/// <summary>
/// <c>itrequest</c>: shows the requirements form (pre-filled from a draft), validates and stores submissions,
/// posts them for triage, and keeps closed or failed forms as drafts so nothing typed is lost.
/// </summary>
public sealed partial class ItRequestDialog(
    RequestRepository repository,
    DraftStore drafts,
    RequestNotifier notifier,
    TimeProvider time,
    State.StateStoreOutageMonitor outages,
    ILogger<ItRequestDialog> logger) : IDialog, IReadsAhead, IKeepsTypedValues
{
    public const string NotSavedText =
        "Your request could not be saved just now, so it has NOT been sent to IT. Your answers are kept: please press Send again in a moment.";

    public const string UsageText =
        "itrequest opens the IT request form (itrequest new does the same; itrequest <a few words> starts it with that title). Also: itrequest status (your requests), itrequest queue (IT only), itrequest board, help.";

    public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Command("itrequest"), DialogRoute.Form(RequirementsForm.Id)];

    public FormDefinition? FormOf(string formId) => formId == RequirementsForm.Id ? RequirementsForm.Definition : null;

    /// <summary>Opening the form (a command or a typed message) reads the user's draft.</summary>
    public State.StateKey? ReadAheadKey(InboundTurn turn) =>
        turn.Payload is CommandInvoked or TextMessage ? DraftStore.KeyOf(turn.Channel, turn.Conversation.TenantId, turn.User.Id) : null;

    public async ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var turn = context.Turn;
        switch (turn.Payload)
        {
            case FormSubmitted submitted:
                return await SubmitAsync(turn, submitted.Values, cancellationToken);
            case FormClosed closed:
                await drafts.SaveAsync(turn.Channel, turn.Conversation.TenantId, turn.User.Id, closed.Values, cancellationToken);
                return DialogResult.None;
        }

        var title = TitleFrom(context.Arguments);
        if (title is null)
        {
            return RequestReplies.Private($"Sorry, I don't know \"itrequest {context.Arguments}\". {UsageText}");
        }

        var draft = await drafts.GetAsync(turn.Channel, turn.Conversation.TenantId, turn.User.Id, cancellationToken, context.ReadAhead);
        var typed = title.Length == 0 ? FormValues.Empty : new FormValues([new(RequirementsForm.Title, title)]);
        return draft is null
            ? DialogResult.ShowForm(new FormView(RequirementsForm.Definition, typed, []))
            : DialogResult.ShowForm(new FormView(WithDraftNotice(draft.SavedAt), draft.Values.Merge(typed), []));
    }

    // "/itrequest", "/itrequest new" and "/itrequest new <title>" open the form; so does free text of several
    // words ("/itrequest landing page for the spring launch"), which becomes the title, as a user would expect.
    // A single unknown word is most likely a mistyped subcommand ("/itrequest stauts"): that gets the usage.
    private static string? TitleFrom(string arguments)
    {
        var sub = CommandText.FirstWord(arguments);
        var text = sub == "new" ? CommandText.Rest(arguments) : arguments.Trim();
        if (sub.Length > 0 && sub != "new" && !text.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        var max = RequirementsForm.Definition.Field(RequirementsForm.Title)?.MaxLength ?? text.Length;
        return text.Length <= max ? text : text[..max];
    }

    /// <summary>The form, saying that what it shows comes from the user's draft.</summary>
    public static FormDefinition WithDraftNotice(DateTimeOffset savedAt)
    {
        var form = RequirementsForm.Definition;
        var first = form.Fields[0];
        var notice = $"Restored from your draft of {savedAt:yyyy-MM-dd HH:mm} UTC. {first.HelpText}";
        return form with { Title = "IT request (draft)", Fields = [first with { HelpText = notice }, .. form.Fields.Skip(1)] };
    }

    private async Task<DialogResult> SubmitAsync(InboundTurn turn, FormValues values, CancellationToken cancellationToken)
    {
        var (platform, tenant, user) = (turn.Channel, turn.Conversation.TenantId, turn.User.Id);
        var form = RequirementsForm.Definition;
        var errors = FormValidator.Validate(form, values, new FormValidationContext(RequestReplies.Today(time)));
        if (errors.Count > 0)
        {
            // Teams has no "closed" event for an abandoned card: a failed submission is the last we see of it.
            await drafts.SaveAsync(platform, tenant, user, values, cancellationToken);
            return DialogResult.FormErrors(new FormView(form, values, errors));
        }

        ItRequest saved;
        try
        {
            // The draft first: if storing the request fails, what the user typed survives.
            await drafts.SaveAsync(platform, tenant, user, values, cancellationToken);
            var now = time.GetUtcNow();
            var requester = new Requester(platform, tenant, user, turn.User.DisplayName, turn.User.Email, turn.Conversation);
            var id = await repository.ReserveIdAsync(
                string.IsNullOrEmpty(turn.DeliveryId) ? string.Empty : $"{platform}:{turn.DeliveryId}", cancellationToken);
            if (await repository.GetAsync(id, cancellationToken) is { } already)
            {
                // This very submission was stored by an earlier run of the turn: confirm it, don't file it twice.
                return DialogResult.Reply(RequestCards.Confirmation(already.Value, RequirementGaps.Find(values)));
            }

            var entry = new AuditEntry(now, new RequestActor(platform, user, requester.Name), "submit",
                RequestStatus.Submitted, RequestStatus.Submitted);
            var request = new ItRequest(id, requester, values.ToDictionary(), RequestStatus.Submitted, now) { History = [entry] };
            saved = (await repository.CreateAsync(request, cancellationToken)).Value;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (ex is State.StateStoreUnavailableException unavailable)
            {
                // Expected during an outage or a failover: counted and logged once per outage, not a stack per submission.
                outages.Report(platform == ChannelKind.Teams ? "teams" : "slack", unavailable);
            }
            else
            {
                LogStoreFailed(ex, platform, user);
            }

            return DialogResult.FormErrors(new FormView(form, values, [new FieldError(RequirementsForm.Title, NotSavedText)]));
        }

        try
        {
            await drafts.DeleteAsync(platform, tenant, user, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The request is stored; a leftover draft only pre-fills the next form (and an unreachable store is
            // reported once per outage, not per submission).
            if (ex is not State.StateStoreUnavailableException)
            {
                LogDraftNotDeleted(ex, saved.Id);
            }
        }

        var gaps = RequirementGaps.Find(values);
        await notifier.TellItAsync(saved, $"New IT request {saved.Id} from {saved.Requester.Name} ({platform}).", cancellationToken);
        return DialogResult.Reply(RequestCards.Confirmation(saved, gaps));
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Error, Message = "Storing an IT request from {Platform} user {UserId} failed; the user was asked to retry")]
    private partial void LogStoreFailed(Exception exception, ChannelKind platform, string userId);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Draft not deleted after {RequestId} was stored")]
    private partial void LogDraftNotDeleted(Exception exception, string requestId);
}
