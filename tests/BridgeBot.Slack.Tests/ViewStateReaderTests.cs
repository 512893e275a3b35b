namespace BridgeBot.Slack.Tests;

using System.Text.Json;
using BridgeBot.Slack.Rendering;
using BridgeBot.Slack.Wire;

public sealed class ViewStateReaderTests
{
    private const string State = """
        {"values":{
          "title":{"title":{"type":"plain_text_input","value":"  New page "}},
          "details":{"details":{"type":"plain_text_input","value":null}},
          "due":{"due":{"type":"datepicker","selected_date":"2030-01-31"}},
          "urgency":{"urgency":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"High"},"value":"high"}}},
          "systems":{"systems":{"type":"multi_static_select","selected_options":[{"value":"crm"},{"value":"web"}]}},
          "contract":{"contract":{"type":"checkboxes","selected_options":[]}},
          "owner":{"owner":{"type":"users_select","selected_user":"U042"}}
        }}
        """;

    private static Core.Forms.FormValues Read(string json) =>
        ViewStateReader.Read(JsonSerializer.Deserialize("{\"state\":" + json + "}", SlackJsonContext.Default.SlackViewPayload)!.State);

    [Theory]
    [InlineData("title", "New page")]
    [InlineData("due", "2030-01-31")]
    [InlineData("urgency", "high")]
    [InlineData("systems", "crm,web")]
    [InlineData("contract", "false")]
    [InlineData("owner", "U042")]
    public void Read_EachInputKind_MapsToItsFormValue(string field, string expected) =>
        Assert.Equal(expected, Read(State).Get(field));

    [Fact]
    public void Read_EmptyInput_IsAbsent() => Assert.Null(Read(State).Get("details"));

    [Fact]
    public void Read_TickedToggle_IsTrue() =>
        Assert.Equal("true", Read("""{"values":{"contract":{"contract":{"type":"checkboxes","selected_options":[{"value":"true"}]}}}}""").Get("contract"));

    [Fact]
    public void Read_NoState_IsEmpty() => Assert.Empty(ViewStateReader.Read(null));
}
