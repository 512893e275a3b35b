namespace BridgeBot.Core.Tests.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;
using static MeetingsHarness;

public sealed class PeopleMatchingTests
{
    private readonly MeetingsHarness _h = new();

    private static TurnContext TeamsTurn(string oid, TurnPayload payload) => new(new InboundTurn(
        Guid.NewGuid().ToString("N"), new ConversationKey(ChannelKind.Teams, "tenant-1", "a:1"), new TurnUser("29:x", "Someone", oid), payload, T0));

    [Fact]
    public async Task Invite_TeamsUserWithoutEmail_RecognisedAsOrganizerThroughDirectory()
    {
        _h.Directory.Ids[Marketer] = "oid-mia";
        var record = await _h.ObserveAsync(Meeting());

        var result = await _h.Organizer.HandleAsync(TeamsTurn("oid-mia", Action(MeetingActions.Invite, record.Key, Reps[0])), default);

        Assert.StartsWith("Please add", Assert.IsType<ReplyResult>(result).Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_TeamsUserWithOtherDirectoryId_IsRefused()
    {
        _h.Directory.Ids[Marketer] = "oid-mia";
        var record = await _h.ObserveAsync(Meeting());

        var result = await _h.Organizer.HandleAsync(TeamsTurn("oid-eve", Action(MeetingActions.Invite, record.Key, Reps[0])), default);

        Assert.Equal("Only the meeting's organizer can answer this.", Assert.IsType<ReplyResult>(result).Message.Text);
    }

    [Fact]
    public async Task Nudge_PersonKnownToDirectory_TargetsTheirDirectoryId()
    {
        _h.Directory.Ids[Marketer] = "oid-mia";
        await _h.ObserveAsync(Meeting());

        await _h.TickAsync();

        Assert.Single(_h.Channel.To("oid-mia"));
    }
}
