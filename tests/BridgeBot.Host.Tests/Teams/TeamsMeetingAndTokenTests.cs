namespace BridgeBot.Host.Tests.Teams;

using System.Net;
using System.Text.Json.Nodes;
using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Pipeline;
using BridgeBot.Core.Turns;
using BridgeBot.TestKit;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Meeting events reach the dialogs as MeetingEvent turns; a token endpoint failure costs the reply, not the request.</summary>
public sealed class TeamsMeetingAndTokenTests : IAsyncLifetime
{
    private readonly RecordingMeetingDialog _meetings = new();
    private TeamsHost _host = null!;

    // The recording dialog stands in for the host's own meeting dialog, which would claim the same route.
    public async Task InitializeAsync() => _host = await TeamsHost.StartAsync(s =>
    {
        foreach (var own in s.Where(d => d.ServiceType == typeof(IDialog) && d.ImplementationType == typeof(MeetingAttendanceDialog)).ToList())
        {
            s.Remove(own);
        }

        s.AddSingleton<IDialog>(_meetings);
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Event_MeetingStart_ReachesTheMeetingDialog()
    {
        var activity = Activities.Base("event", _host.Fake.ServiceUrl, null, new JsonObject
        {
            ["name"] = "application/vnd.microsoft.meetingStart",
            ["value"] = new JsonObject { ["Title"] = "Campaign sync", ["StartTime"] = "2026-11-23T09:00:00Z", ["Id"] = "ignored" },
        });
        activity["conversation"]!["id"] = "19:meeting_abc@thread.v2";
        activity["channelData"]!["meeting"] = new JsonObject { ["id"] = "meeting-42" };

        var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var meeting = Assert.Single(_meetings.Seen);
        Assert.Equal(MeetingEventKind.Started, meeting.Kind);
        Assert.Equal("meeting-42", meeting.MeetingId);
        Assert.Empty(_host.Fake.ConnectorCalls);
    }

    [Fact]
    public async Task Message_TokenEndpointRefuses_Answers200WithoutCallingTheConnector()
    {
        _host.Fake.ConnectorResponder = _ => CannedResponse.Json("""{"id":"x"}""");
        var tokenRefusal = CannedResponse.Json("""{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret."}""", 401);
        _host.Fake.TokenResponder = _ => tokenRefusal;

        var response = await _host.PostAsync(Activities.Message(_host.Fake.ServiceUrl, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(_host.Fake.TokenCalls);
        Assert.Empty(_host.Fake.ConnectorCalls);
    }

    private sealed class RecordingMeetingDialog : IDialog
    {
        public List<MeetingEvent> Seen { get; } = [];

        public IReadOnlyList<DialogRoute> Routes { get; } = [DialogRoute.Meeting];

        public ValueTask<DialogResult> HandleAsync(TurnContext context, CancellationToken cancellationToken)
        {
            Seen.Add((MeetingEvent)context.Turn.Payload);
            return ValueTask.FromResult(DialogResult.None);
        }
    }
}
