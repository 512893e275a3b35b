namespace BridgeBot.Core.Priorities;

using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;

/// <summary>Action and form ids, the forms and the card of the vendor co-sign. Buttons carry the request id under <c>id</c>.</summary>
public static class CoSignCards
{
    public const string Sign = "cosign.sign";
    public const string Change = "cosign.change";
    public const string VendorField = "vendor";
    public const string NoteField = "note";

    /// <summary>The sign-off state of a request with the Sign and Ask-for-change buttons.</summary>
    public static OutboundMessage Status(ItRequest request, string text)
    {
        var s = request.VendorSignOff;
        List<CardFact> facts =
        [
            new("Shortlist", VendorCoSign.Shortlist(request) is { Count: > 0 } list ? string.Join(", ", list) : "-"),
            new("Chosen vendor", s?.Vendor ?? "not chosen yet"),
            new("Marketing", Describe(s?.Marketing)),
            new("IT", Describe(s?.It)),
        ];
        if (s?.ChangeRequested is { } asked)
        {
            facts.Add(new("Change asked", asked));
        }

        var data = TriageActions.DataFor(request.Id);
        IReadOnlyList<CardAction> actions = request.Status is RequestStatus.InProgress || !request.IsOpen
            ? []
            : [new CardAction(Sign, "Sign off vendor", data) { Style = ActionStyle.Primary }, new CardAction(Change, "Ask for a change", data)];
        return new OutboundMessage(text, new SummaryCard($"{request.Id} · vendor sign-off", facts, actions) { Body = text });
    }

    public static FormDefinition SignForm(ItRequest request)
    {
        var shortlist = VendorCoSign.Shortlist(request);
        var field = shortlist.Count > 0
            ? new FormField(VendorField, "Vendor", FormFieldKind.SingleChoice)
            {
                Required = true, Choices = shortlist.Select(v => new FormChoice(v.Replace(',', ' '), v)).ToList(),
            }
            : new FormField(VendorField, "Vendor", FormFieldKind.Text) { Required = true, MaxLength = 200 };
        return new FormDefinition(Sign, "Sign off vendor", [field with { HelpText = "Your signature is recorded with your name and the time." }])
        {
            SubmitLabel = "Sign",
        };
    }

    public static FormDefinition ChangeForm { get; } = new(Change, "Ask for a change",
    [
        new FormField(NoteField, "What should change?", FormFieldKind.MultilineText)
        {
            Required = true, MaxLength = 1000, HelpText = "Both signatures are cleared; the other side sees this.",
        },
    ]) { SubmitLabel = "Send" };

    private static string Describe(CoSignature? s) => s is null ? "not signed" : $"{s.Name}, {s.At:yyyy-MM-dd HH:mm} UTC";
}
