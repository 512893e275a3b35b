namespace BridgeBot.TestKit;

using System.Text.Json.Nodes;

/// <summary>
/// Answers of a fake Slack Web API's <c>users.info</c>, in the shape Slack documents for the method
/// (docs.slack.dev/reference/methods/users.info: <c>ok</c> and a full <c>user</c> object with its <c>profile</c>).
/// </summary>
public static class SlackUsersInfo
{
    /// <summary>The documented success answer for one person.</summary>
    public static string Found(string userId, string teamId, string handle, string realName, string? email = null) => new JsonObject
    {
        ["ok"] = true,
        ["user"] = new JsonObject
        {
            ["id"] = userId, ["team_id"] = teamId, ["name"] = handle, ["deleted"] = false, ["color"] = "9f69e7",
            ["real_name"] = realName, ["tz"] = "Europe/Berlin", ["tz_label"] = "Central European Time", ["tz_offset"] = 3600,
            ["profile"] = new JsonObject
            {
                ["avatar_hash"] = "ge3b51ca72de", ["status_text"] = "", ["status_emoji"] = "",
                ["real_name"] = realName, ["display_name"] = handle,
                ["real_name_normalized"] = realName, ["display_name_normalized"] = handle,
                ["email"] = email, ["image_24"] = "https://avatars.slack-edge.com/u_24.jpg", ["image_512"] = "https://avatars.slack-edge.com/u_512.jpg",
                ["team"] = teamId,
            },
            ["is_admin"] = false, ["is_owner"] = false, ["is_primary_owner"] = false, ["is_restricted"] = false,
            ["is_ultra_restricted"] = false, ["is_bot"] = false, ["is_app_user"] = false, ["updated"] = 1502138686, ["has_2fa"] = false,
        },
    }.ToJsonString();

    /// <summary>The documented error answer for an unknown user id.</summary>
    public static string NotFound() => """{"ok":false,"error":"user_not_found"}""";

    /// <summary>The user id a <c>users.info</c> call asked for (form argument <c>user</c>), or null.</summary>
    public static string? RequestedUser(RecordedRequest request) =>
        request.Path.EndsWith("/users.info", StringComparison.Ordinal)
            ? request.Body.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == "user").Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault()
            : null;
}
