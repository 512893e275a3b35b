namespace BridgeBot.TestKit;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Priorities;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;

/// <summary>
/// Every message and form BridgeBot's Core produces, in every state it has (each request status, each change,
/// empty and full lists, forms blank, filled, with errors), with long user text where users can type it. Channel
/// tests render all of them and run the platform's own validators over the output.
/// </summary>
public static class RenderSamples
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A product name as long as a shortlist line may be: Slack refuses option values over 150 characters.</summary>
    public static readonly string LongVendor = "Acme Campaign Cloud Enterprise Edition with the Marketing Automation and Audience Analytics and Consent Management and Multi-Brand Landing Page Builder add-ons (EU region)";

    public static IEnumerable<(string Name, OutboundMessage Message)> Messages()
    {
        yield return ("help", Reply(new HelpDialog(), new TextMessage("help")));
        yield return ("help-unknown", Reply(new HelpDialog(), new TextMessage(new string('x', 300))));
        yield return ("welcome", Reply(new WelcomeDialog(), new BotInstalled()));

        var request = Request(RequestStatus.Submitted);
        yield return ("confirmation", RequestCards.Confirmation(request, []));
        yield return ("confirmation-gaps", RequestCards.Confirmation(request, RequirementGaps.Find(request.Form)));
        foreach (var status in Enum.GetValues<RequestStatus>())
        {
            yield return ($"triage-{status}", new OutboundMessage("triage", RequestCards.Triage(Request(status))));
        }

        foreach (var change in new[] { "take", "need-info", "estimate", "options", "start", "done", "decline", "defer", "other" })
        {
            var status = change switch { "need-info" => RequestStatus.NeedInfo, "done" => RequestStatus.Done, "decline" => RequestStatus.Declined, _ => RequestStatus.Triaged };
            var entry = new AuditEntry(Now, It, change, RequestStatus.Submitted, status, "A note from IT " + new string('n', 200));
            yield return ($"requester-notice-{change}", RequestCards.RequesterNotice(Request(status), entry));
        }

        yield return ("status-empty", RequestCards.StatusList([]));
        yield return ("status-list", RequestCards.StatusList(Enumerable.Range(1, 12).Select(n => Request(RequestStatus.Triaged, n)).ToList()));
        yield return ("status-list-more", RequestCards.StatusList(Enumerable.Range(1, 20).Select(n => Request(RequestStatus.Triaged, n)).ToList(), 20, "1733.ITR-0021"));
        yield return ("queue-empty", RequestCards.Queue([], Now));
        yield return ("queue", RequestCards.Queue(Enumerable.Range(1, 30).Select(n => Request(RequestStatus.Submitted, n)).ToList(), Now));
        yield return ("queue-more", RequestCards.Queue(Enumerable.Range(1, 20).Select(n => Request(RequestStatus.Submitted, n)).ToList(), Now, 45, 0, "0.1733:ITR-0020"));

        var board = Board();
        yield return ("board-review-leader", BoardCards.Review(board, forLeader: true));
        yield return ("board-review-member", BoardCards.Review(board, forLeader: false));
        yield return ("board-review-published", BoardCards.Review(board with { Status = BoardStatus.Published, PublishedAt = Now, PublishedBy = It }, forLeader: true));
        yield return ("board-over-capacity", BoardCards.OverCapacity(board with { CapacityDays = 1 }));
        yield return ("board-published", BoardCards.Published(board));
        yield return ("board-requester-notice", BoardCards.RequesterNotice(board, board.Items));

        var vendorRequest = WithShortlist(Request(RequestStatus.Triaged));
        yield return ("cosign-open", CoSignCards.Status(vendorRequest, "Vendor sign-off of ITR-1001."));
        yield return ("cosign-signed", CoSignCards.Status(vendorRequest with
        {
            VendorSignOff = new VendorSignOff(LongVendor) { Marketing = new CoSignature("Mia Marketing", ChannelKind.Slack, "U0MIA", Now), ChangeRequested = "Mia asked for a change" },
        }, "Marketing signed off."));
        yield return ("cosign-closed", CoSignCards.Status(vendorRequest with { Status = RequestStatus.InProgress }, "Work has started."));

        var meeting = Meeting();
        yield return ("meeting-nudge", MeetingCards.OrganizerNudge(meeting with { ProposedRep = "alice@contoso.com" }, "No one from IT yet"));
        yield return ("meeting-nudge-nobody", MeetingCards.OrganizerNudge(meeting, "No one from IT yet"));
        yield return ("meeting-rep-request", MeetingCards.RepresentativeRequest(meeting, "alice@contoso.com"));
        yield return ("meeting-escalation", MeetingCards.Escalation(meeting with { DeclinedBy = ["bob@contoso.com"] }));
        yield return ("coverage-empty", CoverageDialog.Render(new CoverageReport([], [])));
        yield return ("coverage", CoverageDialog.Render(new CoverageReport(
            [new CoverageRow("2026-W48", 10, 7, 5), new CoverageRow("2026-W47", 4, 4, 4)],
            [new CoverageRow("mia@contoso.com", 8, 6, 5)])));
        yield return ("plain-private", new OutboundMessage("Only you can see this <b>&</b>.") { Private = true });
    }

    public static IEnumerable<(string Name, FormView View)> Forms()
    {
        var today = new FormValidationContext(DateOnly.FromDateTime(Now.UtcDateTime));
        var request = WithShortlist(Request(RequestStatus.Triaged));
        var forms = new (string Name, FormDefinition Form, FormValues Filled)[]
        {
            ("requirements", RequirementsForm.Definition, new FormValues(ValidRequirements.Answers(Now))),
            ("requirements-draft", Core.Requests.Dialogs.ItRequestDialog.WithDraftNotice(Now), new FormValues(ValidRequirements.Answers(Now))),
            ("triage-needinfo", TriageForms.NeedInfo, FormValues.Empty),
            ("triage-decline", TriageForms.Decline, FormValues.Empty),
            ("triage-estimate", TriageForms.Estimate, new FormValues(new Dictionary<string, string> { [TriageForms.Size] = "M", [TriageForms.OneTimeCost] = "1200.5" })),
            ("triage-options", TriageForms.Options, FormValues.Empty),
            ("answer", TriageForms.AnswerFor("What is the budget? " + new string('q', 900)), FormValues.Empty),
            ("board-rank", BoardForms.Rank(Board()), BoardForms.CurrentValues(Board())),
            ("board-capacity", BoardForms.CapacityForm("2026-12"), FormValues.Empty),
            ("cosign-sign", CoSignCards.SignForm(request), new FormValues(new Dictionary<string, string> { [CoSignCards.VendorField] = CoSignCards.SignForm(request).Fields[0].Choices[^1].Value })),
            ("cosign-sign-free-text", CoSignCards.SignForm(Request(RequestStatus.Triaged)), FormValues.Empty),
            ("cosign-change", CoSignCards.ChangeForm, FormValues.Empty),
        };
        foreach (var (name, form, filled) in forms)
        {
            yield return ($"{name}-blank", FormView.Blank(form, "draft-7"));
            yield return ($"{name}-filled", new FormView(form, filled, [], "draft-7"));
            var errors = FormValidator.Validate(form, FormValues.Empty, today).Append(new FieldError("form", "Something about the whole form.")).ToList();
            yield return ($"{name}-errors", new FormView(form, FormValues.Empty, errors, "draft-7"));
        }
    }

    private static RequestActor It { get; } = new(ChannelKind.Teams, "29:alice", "Alice Admin");

    private static ItRequest Request(RequestStatus status, int n = 1)
    {
        var values = ValidRequirements.Answers(Now);
        values[RequirementsForm.Title] = $"Landing page {n} for the spring campaign in every market " + new string('t', 40);
        values[RequirementsForm.Goal] = "Collect sign-ups <b>& leads</b> *fast*. " + new string('g', 1900);
        values[RequirementsForm.Urgency] = "high";
        values[RequirementsForm.Justification] = "The launch event is fixed.";
        values[RequirementsForm.Systems] = "cms,other,unknown";
        values[RequirementsForm.SystemsOther] = "Partner portal";
        var requester = new Requester(ChannelKind.Slack, "T0TEST", "U0MIA", "Mia Marketing", "mia@contoso.com", new ConversationKey(ChannelKind.Slack, "T0TEST", "D0MIA"));
        return new ItRequest($"ITR-{1000 + n}", requester, values, status, Now.AddDays(-n))
        {
            Assignee = status is RequestStatus.Submitted ? null : It,
            PendingQuestion = status == RequestStatus.NeedInfo ? "What is the budget?" : null,
            Estimate = new RequestEstimate("M", 1200, 50, DateOnly.FromDateTime(Now.AddDays(40).UtcDateTime)),
            Options = [new RequestOption("Use the CMS", BuildHorizon.GoodEnough, 500), new RequestOption("Build it", BuildHorizon.BuiltToLast, 9000)],
        };
    }

    private static ItRequest WithShortlist(ItRequest request)
    {
        var values = new Dictionary<string, string>(request.Values)
        {
            [RequirementsForm.Vendor] = "yes",
            [RequirementsForm.Shortlist] = $"Unbounce\nInstapage, Leadpages\n{LongVendor}",
        };
        return request with { Values = values };
    }

    private static PriorityBoard Board()
    {
        var items = Enumerable.Range(1, 8).Select(n =>
        {
            var r = Request(RequestStatus.Triaged, n);
            return new BoardItem(r.Id, r.Title, r.Requester, r.Status, "high", n * 3, "Good enough", "Yes", r.Estimate, 10 * n, n % 3)
            {
                Decision = (n % 3) switch
                {
                    0 => null,
                    1 => new BoardDecision(BoardChoice.ThisCycle, null, It, Now),
                    _ => new BoardDecision(BoardChoice.NotThisCycle, "Capacity is full this month.", It, Now),
                },
            };
        }).ToList();
        return new PriorityBoard("2026-12", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), Now, 40, items,
            [new PromiseCheck("ITR-0999", "Last month's promise", RequestStatus.InProgress)]);
    }

    private static MeetingRecord Meeting() => new(
        new MeetingSnapshot("e1", "graph", "Spring launch sync", new MeetingPerson("mia@contoso.com", "Mia Marketing"),
            Now.AddDays(2), Now.AddDays(2).AddHours(1), [], "https://teams.microsoft.com/l/meetup-join/abc"),
        IsMarketing: true, Now);

    private static OutboundMessage Reply(IDialog dialog, TurnPayload payload)
    {
        var turn = new InboundTurn("d1", new ConversationKey(ChannelKind.Teams, "t", "a:1"), new TurnUser("29:u"), payload, Now);
        var result = dialog.HandleAsync(new TurnContext(turn), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return ((ReplyResult)result).Message;
    }
}
