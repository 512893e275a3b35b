namespace BridgeBot.Core.Meetings;

using System.Globalization;
using BridgeBot.Core.Outbound;

/// <summary>Action ids of the meeting buttons and forms; the data carries <c>meeting</c> (key) and <c>rep</c> (e-mail).</summary>
public static class MeetingActions
{
    public const string Invite = "meeting.invite";
    public const string ChooseOther = "meeting.choose";
    public const string NoItNeeded = "meeting.noit";
    public const string Accept = "meeting.accept";
    public const string Decline = "meeting.decline";
    public const string Overturn = "meeting.overturn";
    public const string Take = "meeting.take";
    public const string LeadWaive = "meeting.leadwaive";
    public const string CaptureRequirements = "meeting.capture";
    public const string MeetingField = "meeting";
    public const string RepField = "rep";
}

/// <summary>The channel-neutral messages of meeting coverage.</summary>
public static class MeetingCards
{
    /// <summary>Why the organizer is asked to bring someone from IT.</summary>
    public const string WhyIt =
        "Someone from IT in the room early means the tools, data, vendors and budgets you decide on can be planned, secured and " +
        "maintained, instead of IT learning about them after the purchase. \"Capture requirements\" starts an IT request from this meeting.";

    public static string When(DateTimeOffset start) =>
        start.UtcDateTime.ToString("ddd yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>To the organizer: no one from IT yet; invite the proposed representative, choose another, or no IT needed.</summary>
    public static OutboundMessage OrganizerNudge(MeetingRecord record, string headline)
    {
        var meeting = record.Snapshot;
        var facts = new List<CardFact> { new("Meeting", meeting.Title), new("When", When(meeting.Start)) };
        var actions = new List<CardAction>();
        if (record.ProposedRep is { } rep)
        {
            facts.Add(new CardFact("Proposed", rep));
            actions.Add(new CardAction(MeetingActions.Invite, $"Invite {rep}", Data(record, rep)) { Style = ActionStyle.Primary });
        }
        else
        {
            facts.Add(new CardFact("Proposed", "No representative is free; please choose one."));
        }

        actions.Add(new CardAction(MeetingActions.ChooseOther, "Choose someone else", Data(record, null)));
        if (record.WaiverOverturnedBy is null)
        {
            actions.Add(new CardAction(MeetingActions.NoItNeeded, "No IT needed", Data(record, null)));
        }
        actions.Add(new CardAction(MeetingActions.CaptureRequirements, "Capture requirements", Data(record, null)));
        var card = new SummaryCard(headline, facts, actions)
        {
            Body = WhyIt,
        };
        return new OutboundMessage($"{headline}: \"{meeting.Title}\" on {When(meeting.Start)}.", card);
    }

    /// <summary>To a representative: please join this meeting.</summary>
    public static OutboundMessage RepresentativeRequest(MeetingRecord record, string rep)
    {
        var meeting = record.Snapshot;
        var facts = new List<CardFact>
        {
            new("Meeting", meeting.Title),
            new("When", When(meeting.Start)),
            new("Organizer", meeting.Organizer.Name ?? meeting.Organizer.Email),
        };
        if (meeting.JoinUrl is { } url)
        {
            facts.Add(new CardFact("Join", url));
        }

        var card = new SummaryCard("Can you join this marketing meeting?", facts,
        [
            new CardAction(MeetingActions.Accept, "Accept", Data(record, rep)) { Style = ActionStyle.Primary },
            new CardAction(MeetingActions.Decline, "Decline", Data(record, rep)),
        ]);
        return new OutboundMessage($"You are proposed as the IT representative for \"{meeting.Title}\" on {When(meeting.Start)}.", card);
    }

    /// <summary>Where the meeting stands for <paramref name="rep"/>: what a stale request card is replaced with.</summary>
    public static SummaryCard RepresentativeStatus(MeetingRecord record, string rep, MeetingsOptions options)
    {
        var meeting = record.Snapshot;
        var facts = new List<CardFact>
        {
            new("Meeting", meeting.Title),
            new("When", When(meeting.Start)),
            new("Organizer", meeting.Organizer.Name ?? meeting.Organizer.Email),
        };
        var covering = record.CoveredBy(options);
        var declined = record.DeclinedBy.Contains(rep, StringComparer.OrdinalIgnoreCase);
        var title = (meeting.Cancelled, record.NoItReason, covering, declined) switch
        {
            (true, _, _, _) => "This meeting was cancelled",
            (_, { }, _, _) => "The organizer said this meeting needs no one from IT",
            (_, _, { } who, _) when string.Equals(who, rep, StringComparison.OrdinalIgnoreCase) => "You are down for this meeting",
            (_, _, { } who, _) => $"{who} covers this meeting",
            (_, _, _, true) => "You declined this meeting",
            _ => "Can you join this marketing meeting?",
        };
        IReadOnlyList<CardAction> actions = meeting.Cancelled || record.NoItReason is not null || covering is not null
            ? []
            : declined
                ? [new CardAction(MeetingActions.Accept, "Accept after all", Data(record, rep))]
                : [new CardAction(MeetingActions.Accept, "Accept", Data(record, rep)) { Style = ActionStyle.Primary },
                   new CardAction(MeetingActions.Decline, "Decline", Data(record, rep))];
        if (string.Equals(covering, rep, StringComparison.OrdinalIgnoreCase) && !meeting.Cancelled)
        {
            actions = [new CardAction(MeetingActions.Decline, "I can no longer join", Data(record, rep))];
        }

        return new SummaryCard(title, facts, actions);
    }

    /// <summary>
    /// Where the meeting stands for its organizer: the nudge with the current proposal while it is uncovered, else a
    /// card without buttons saying who covers it, that it needs no IT, or that it was cancelled.
    /// </summary>
    public static OutboundMessage OrganizerStatus(MeetingRecord record, MeetingsOptions options)
    {
        var meeting = record.Snapshot;
        if (!record.IsSettled(options))
        {
            return OrganizerNudge(record, "Still no one from IT") with { UpdatesPressedCard = true };
        }

        var covering = record.CoveredBy(options);
        var title = meeting.Cancelled ? "This meeting was cancelled"
            : record.NoItReason is { } reason ? $"No IT needed: {reason}"
            : covering is not null ? $"{covering} from IT covers this meeting"
            : "This meeting is not tracked for IT coverage";
        var card = new SummaryCard(title, [new CardFact("Meeting", meeting.Title), new CardFact("When", When(meeting.Start))], []);
        return new OutboundMessage($"{title}: \"{meeting.Title}\" on {When(meeting.Start)}.", card) { UpdatesPressedCard = true };
    }

    /// <summary>To the IT leads: an organizer said no IT is needed; any lead may overturn it.</summary>
    public static OutboundMessage Waiver(MeetingRecord record)
    {
        var meeting = record.Snapshot;
        var card = new SummaryCard("No IT needed, says the organizer",
        [
            new CardFact("Meeting", meeting.Title),
            new CardFact("When", When(meeting.Start)),
            new CardFact("Organizer", meeting.Organizer.Name ?? meeting.Organizer.Email),
            new CardFact("Reason", record.NoItReason ?? string.Empty),
        ],
        [new CardAction(MeetingActions.Overturn, "Overturn: IT should be there", Data(record, null)) { Style = ActionStyle.Danger }]);
        return new OutboundMessage($"{record.NoItBy ?? meeting.Organizer.Email} said \"{meeting.Title}\" on {When(meeting.Start)} needs no one from IT: {record.NoItReason}", card);
    }

    /// <summary>The waived meetings of a window, with their reasons, for IT leads; up to five can be overturned from the card.</summary>
    public static OutboundMessage Waivers(IReadOnlyList<MeetingRecord> waived)
    {
        if (waived.Count == 0)
        {
            return new OutboundMessage("No meeting is waived right now.");
        }

        var facts = waived.Select(r => new CardFact($"{r.Snapshot.Title} ({When(r.Snapshot.Start)})",
            $"{r.NoItReason} ({r.NoItBy ?? r.Snapshot.Organizer.Email})")).ToList();
        var actions = waived.Where(r => !r.Snapshot.Cancelled).Take(5)
            .Select(r => new CardAction(MeetingActions.Overturn, $"Overturn: {r.Snapshot.Title}", Data(r, null))).ToList();
        return new OutboundMessage($"{waived.Count} waived marketing meetings.", new SummaryCard("Waived: no IT needed", facts, actions));
    }

    /// <summary>To the IT lead: still uncovered close to the start.</summary>
    public static OutboundMessage Escalation(MeetingRecord record)
    {
        var meeting = record.Snapshot;
        var facts = new List<CardFact>
        {
            new("Meeting", meeting.Title),
            new("When", When(meeting.Start)),
            new("Organizer", meeting.Organizer.Name ?? meeting.Organizer.Email),
            new("Proposed", record.ProposedRep ?? "nobody available"),
        };
        if (record.DeclinedBy.Count > 0)
        {
            facts.Add(new CardFact("Declined", string.Join(", ", record.DeclinedBy)));
        }

        var card = new SummaryCard("Marketing meeting still without IT", facts,
        [
            new CardAction(MeetingActions.Take, "I'll take it", Data(record, null)) { Style = ActionStyle.Primary },
            new CardAction(MeetingActions.LeadWaive, "Waive", Data(record, null)),
        ]);
        return new OutboundMessage($"\"{meeting.Title}\" starts {When(meeting.Start)} and still has no one from IT.", card);
    }

    private static Dictionary<string, string> Data(MeetingRecord record, string? rep)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { [MeetingActions.MeetingField] = record.Key };
        if (rep is not null)
        {
            data[MeetingActions.RepField] = rep;
        }

        return data;
    }
}
