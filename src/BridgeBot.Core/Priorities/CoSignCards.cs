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
                // A product name can be longer than Slack lets an option value be (150): the value is the product's
                // place on the shortlist, and SignedVendor turns it back into the name.
                Required = true, Choices = shortlist.Select((v, i) => new FormChoice(ChoiceValue(i), v)).ToList(),
            }
            : new FormField(VendorField, "Vendor", FormFieldKind.Text) { Required = true, MaxLength = 200 };
        return new FormDefinition(Sign, "Sign off vendor", [field with { HelpText = "Your signature is recorded with your name and the time." }])
        {
            SubmitLabel = "Sign",
        };
    }

    /// <summary>
    /// The vendor a submitted sign form names: the shortlist entry its choice stands for, else the text as typed
    /// (the free-text form, or a form rendered before choices were numbered).
    /// </summary>
    public static string SignedVendor(ItRequest request, string value)
    {
        var shortlist = VendorCoSign.Shortlist(request);
        return value.StartsWith(ChoicePrefix, StringComparison.Ordinal) &&
               int.TryParse(value.AsSpan(ChoicePrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) &&
               n >= 1 && n <= shortlist.Count
            ? shortlist[n - 1]
            : value;
    }

    /// <summary>
    /// The sign form's values with a vendor given by name (a card rendered before choices were numbered, a client
    /// that sends the label) turned into its choice, so that validation sees a known option.
    /// </summary>
    public static FormValues WithVendorChoice(ItRequest request, FormValues values)
    {
        var shortlist = VendorCoSign.Shortlist(request);
        var typed = values.Get(VendorField);
        var index = typed is null ? -1 : shortlist.ToList().FindIndex(v => string.Equals(v.Replace(',', ' '), typed, StringComparison.OrdinalIgnoreCase) || string.Equals(v, typed, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? values : values.Merge(new FormValues([new(VendorField, ChoiceValue(index))]));
    }

    private const string ChoicePrefix = "vendor-";

    private static string ChoiceValue(int index) => ChoicePrefix + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static FormDefinition ChangeForm { get; } = new(Change, "Ask for a change",
    [
        new FormField(NoteField, "What should change?", FormFieldKind.MultilineText)
        {
            Required = true, MaxLength = 1000, HelpText = "Both signatures are cleared; the other side sees this.",
        },
    ]) { SubmitLabel = "Send" };

    private static string Describe(CoSignature? s) => s is null ? "not signed" : $"{s.Name}, {s.At:yyyy-MM-dd HH:mm} UTC";
}
