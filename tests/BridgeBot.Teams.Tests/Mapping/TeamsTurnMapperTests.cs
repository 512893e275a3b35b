namespace BridgeBot.Teams.Tests.Mapping;

using System.Text.Json;
using BridgeBot.Core.Turns;
using BridgeBot.Teams.Mapping;
using BridgeBot.Teams.Protocol;

public sealed class TeamsTurnMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Map_Message_KeepsIdsAndStripsMentions()
    {
        var turn = TeamsTurnMapper.Map(Parse("""{"type":"message","text":"<at>BridgeBot</at> itrequest status"}"""), Now)!;

        Assert.Equal("act-1", turn.DeliveryId);
        Assert.Equal(new ConversationKey(ChannelKind.Teams, "tenant-1", "a:conv"), turn.Conversation);
        Assert.Equal(new TurnUser("29:user", "Mia", "aad-1"), turn.User);
        Assert.Equal(new TextMessage("itrequest status"), turn.Payload);
    }

    [Fact]
    public void Map_SubmitValueWithForm_IsFormSubmitted()
    {
        var turn = TeamsTurnMapper.Map(Parse("""
            {"type":"message","value":{"bb.form":"itrequest","bb.draft":"d-1","title":"Page","budget":12.5,"lasting":true,"empty":""}}
            """), Now)!;

        var submitted = Assert.IsType<FormSubmitted>(turn.Payload);
        Assert.Equal("itrequest", submitted.FormId);
        Assert.Equal("d-1", submitted.DraftKey);
        Assert.Equal("Page", submitted.Values.Get("title"));
        Assert.Equal("12.5", submitted.Values.Get("budget"));
        Assert.Equal("true", submitted.Values.Get("lasting"));
        Assert.Null(submitted.Values.Get("empty"));
        Assert.Null(submitted.Values.Get("bb.form"));
    }

    [Fact]
    public void Map_ExecuteWithAction_IsActionInvoked()
    {
        var turn = TeamsTurnMapper.Map(Parse("""
            {"type":"invoke","name":"adaptiveCard/action","value":{"action":{"type":"Action.Execute","verb":"request.accept",
             "data":{"bb.action":"request.accept","requestId":"ITR-7"}},"trigger":"manual"}}
            """), Now)!;

        var action = Assert.IsType<ActionInvoked>(turn.Payload);
        Assert.Equal("request.accept", action.ActionId);
        Assert.Equal("ITR-7", action.Data["requestId"]);
    }

    [Fact]
    public void Map_ExecuteWithoutOurData_UsesVerbAsActionId()
    {
        var turn = TeamsTurnMapper.Map(Parse("""
            {"type":"invoke","name":"adaptiveCard/action","value":{"action":{"type":"Action.Execute","verb":"refresh"}}}
            """), Now)!;

        Assert.Equal("refresh", Assert.IsType<ActionInvoked>(turn.Payload).ActionId);
    }

    [Fact]
    public void Map_OtherInvoke_IsIgnored() =>
        Assert.Null(TeamsTurnMapper.Map(Parse("""{"type":"invoke","name":"composeExtension/query","value":{}}"""), Now));

    [Fact]
    public void Map_BotAddedToConversation_IsBotInstalledWithOneDeliveryPerConversation()
    {
        var update = TeamsTurnMapper.Map(Parse("""{"type":"conversationUpdate","membersAdded":[{"id":"28:bot"}]}"""), Now)!;
        var install = TeamsTurnMapper.Map(Parse("""{"type":"installationUpdate","action":"add"}"""), Now)!;

        Assert.IsType<BotInstalled>(update.Payload);
        Assert.IsType<BotInstalled>(install.Payload);
        Assert.Equal(update.DeliveryId, install.DeliveryId);
    }

    [Fact]
    public void Map_OtherMemberAdded_IsIgnored() =>
        Assert.Null(TeamsTurnMapper.Map(Parse("""{"type":"conversationUpdate","membersAdded":[{"id":"29:someone"}]}"""), Now));

    [Fact]
    public void Map_MeetingStart_TakesMeetingIdFromChannelData()
    {
        var turn = TeamsTurnMapper.Map(Parse("""
            {"type":"event","name":"application/vnd.microsoft.meetingStart",
             "value":{"Id":"not-this","Title":"Campaign sync","StartTime":"2026-11-23T09:00:00Z","MeetingType":"Scheduled"},
             "channelData":{"tenant":{"id":"tenant-1"},"meeting":{"id":"meeting-42"}}}
            """), Now)!;

        var meeting = Assert.IsType<MeetingEvent>(turn.Payload);
        Assert.Equal(MeetingEventKind.Started, meeting.Kind);
        Assert.Equal("meeting-42", meeting.MeetingId);
        Assert.Equal("Campaign sync", meeting.Title);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), meeting.At);
    }

    [Fact]
    public void Map_MeetingStart_TakesTheJoinUrlFromValue()
    {
        var turn = TeamsTurnMapper.Map(Parse("""
            {"type":"event","name":"application/vnd.microsoft.meetingStart",
             "value":{"Id":"MCMx","JoinUrl":"https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0","Title":"Campaign sync","StartTime":"2026-11-23T09:00:00Z","MeetingType":"Scheduled"},
             "channelData":{"tenant":{"id":"tenant-1"},"meeting":{"id":"meeting-42"}}}
            """), Now)!;

        var meeting = Assert.IsType<MeetingEvent>(turn.Payload);
        Assert.Equal("https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0", meeting.JoinUrl);
    }

    [Fact]
    public void Map_ParticipantJoin_ListsParticipantsWhateverTheCasing()
    {
        var turn = TeamsTurnMapper.Map(Parse("""
            {"type":"event","name":"application/vnd.microsoft.meetingParticipantJoin",
             "value":{"Members":[{"User":{"Id":"29:it-rep","Name":"Ian IT","AadObjectId":"aad-it"},"Meeting":{"InMeeting":true}}]},
             "channelData":{"meeting":{"id":"meeting-42"}}}
            """), Now)!;

        var meeting = Assert.IsType<MeetingEvent>(turn.Payload);
        Assert.Equal(MeetingEventKind.ParticipantJoined, meeting.Kind);
        Assert.Equal(new TurnUser("29:it-rep", "Ian IT", "aad-it"), Assert.Single(meeting.Participants));
    }

    [Fact]
    public void Map_TypingActivity_IsIgnored() => Assert.Null(TeamsTurnMapper.Map(Parse("""{"type":"typing"}"""), Now));

    private static Activity Parse(string partial)
    {
        var activity = JsonSerializer.Deserialize(partial, TeamsJsonContext.Default.Activity)!;
        activity.Id ??= "act-1";
        activity.ServiceUrl ??= "https://smba.trafficmanager.net/emea/";
        activity.ChannelId ??= "msteams";
        activity.From ??= new ChannelAccount { Id = "29:user", Name = "Mia", AadObjectId = "aad-1" };
        activity.Recipient ??= new ChannelAccount { Id = "28:bot" };
        activity.Conversation ??= new ConversationAccount { Id = "a:conv", TenantId = "tenant-1", ConversationType = "personal" };
        return activity;
    }
}
