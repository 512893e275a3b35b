namespace BridgeBot.Core.Priorities;

using System.Globalization;
using BridgeBot.Core.Forms;
using static BridgeBot.Core.Priorities.BoardActions;

/// <summary>The ranking and capacity forms of a board, and how their values become decisions.</summary>
public static class BoardForms
{
    /// <summary>One choice and one reason field per request; a started "not this cycle" needs its reason.</summary>
    public static FormDefinition Rank(PriorityBoard board)
    {
        var fields = new List<FormField>();
        foreach (var item in board.Items)
        {
            fields.Add(new FormField(DecisionField(item.RequestId), $"{item.RequestId} · {item.Title}", FormFieldKind.SingleChoice)
            {
                Choices = [new(ThisCycleValue, "This cycle"), new(NotThisCycleValue, "Not this cycle")],
                HelpText = string.Create(CultureInfo.InvariantCulture,
                    $"{item.Urgency} urgency, {item.AgeDays} days old, {(item.EstimateDays is { } d ? $"{d:0.##} days" : "not estimated")}"),
            });
            fields.Add(new FormField(ReasonField(item.RequestId), $"Why not {item.RequestId}?", FormFieldKind.Text)
            {
                MaxLength = 500, HelpText = "Required for not this cycle; the requester sees it.",
            });
        }

        return new FormDefinition(BoardActions.Rank, $"Rank {board.CycleId}", fields)
        {
            SubmitLabel = "Save ranking",
            Rules = board.Items.Select(i => (IFormRule)new ReasonRequired(i.RequestId)).ToList(),
        };
    }

    /// <summary>The form pre-filled with the decisions made so far.</summary>
    public static FormValues CurrentValues(PriorityBoard board)
    {
        var values = new Dictionary<string, string>();
        foreach (var item in board.Items)
        {
            if (item.Decision is { } d)
            {
                values[DecisionField(item.RequestId)] = d.Choice == BoardChoice.ThisCycle ? ThisCycleValue : NotThisCycleValue;
                values[ReasonField(item.RequestId)] = d.Reason ?? string.Empty;
            }
        }

        return new FormValues(values);
    }

    /// <summary>The decisions a submitted ranking form holds (requests left blank are not decided).</summary>
    public static IReadOnlyList<DecisionInput> ToDecisions(PriorityBoard board, FormValues values) =>
        board.Items
            .Where(i => values.Get(DecisionField(i.RequestId)) is ThisCycleValue or NotThisCycleValue)
            .Select(i => new DecisionInput(
                i.RequestId,
                values.Get(DecisionField(i.RequestId)) == ThisCycleValue ? BoardChoice.ThisCycle : BoardChoice.NotThisCycle,
                values.Get(ReasonField(i.RequestId))))
            .ToList();

    public static FormDefinition CapacityForm(string cycleId) => new(BoardActions.Capacity, $"Capacity {cycleId}",
    [
        new FormField(CapacityField, "IT capacity (person-days)", FormFieldKind.Number)
        {
            Required = true, Min = 0, Max = 10000, HelpText = "For this cycle only; the configured default applies to later cycles.",
        },
    ]) { SubmitLabel = "Set capacity" };

    public static decimal ToCapacity(FormValues values) =>
        decimal.TryParse(values.Get(CapacityField), NumberStyles.Number, CultureInfo.InvariantCulture, out var days) ? days : 0;

    private sealed class ReasonRequired(string requestId) : IFormRule
    {
        public FieldError? Check(FormValues values, FormValidationContext context) =>
            values.Get(DecisionField(requestId)) == NotThisCycleValue && values.Get(ReasonField(requestId)) is null
                ? new FieldError(ReasonField(requestId), $"Say why {requestId} is not this cycle; the requester will see it.")
                : null;
    }
}
