namespace BridgeBot.Slack.Tests;

using BridgeBot.TestKit;
using YamlDotNet.RepresentationModel;

public sealed class SlackManifestTests
{
    private static readonly string[] RequiredBotScopes = ["commands", "chat:write", "im:write", "users:read", "users:read.email"];

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepoPaths.Root, "manifests", "slack", file));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode At(YamlMappingNode node, params string[] path) =>
        path.Aggregate((YamlNode)node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    private static bool Has(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return false;
            }

            current = next;
        }

        return true;
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;

    [Theory]
    [InlineData("manifest.yaml")]
    [InlineData("manifest.socket-mode.yaml")]
    public void Manifest_BotScopes_IncludeEverythingTheChannelCalls(string file)
    {
        var scopes = ((YamlSequenceNode)At(Load(file), "oauth_config", "scopes", "bot")).Select(Scalar).ToList();

        Assert.All(RequiredBotScopes, scope => Assert.Contains(scope, scopes));
    }

    [Theory]
    [InlineData("manifest.yaml")]
    [InlineData("manifest.socket-mode.yaml")]
    public void Manifest_ItRequestCommandAndHomeTab_WithinSlackLimits(string file)
    {
        var manifest = Load(file);
        var command = (YamlMappingNode)((YamlSequenceNode)At(manifest, "features", "slash_commands"))[0];

        Assert.Equal("/itrequest", Scalar(At(command, "command")));
        Assert.Equal("true", Scalar(At(manifest, "features", "app_home", "home_tab_enabled")));
        Assert.True(Scalar(At(manifest, "display_information", "name")).Length <= 35);
        Assert.True(Scalar(At(manifest, "display_information", "description")).Length <= 140);
        Assert.Equal(
            ["app_home_opened", "app_mention", "message.im"],
            ((YamlSequenceNode)At(manifest, "settings", "event_subscriptions", "bot_events")).Select(Scalar).Order());
    }

    [Fact]
    public void HttpManifest_RequestUrls_PointAtTheSlackEndpoints()
    {
        var manifest = Load("manifest.yaml");
        var command = (YamlMappingNode)((YamlSequenceNode)At(manifest, "features", "slash_commands"))[0];

        Assert.EndsWith("/slack/commands", Scalar(At(command, "url")));
        Assert.EndsWith("/slack/interactivity", Scalar(At(manifest, "settings", "interactivity", "request_url")));
        Assert.EndsWith("/slack/events", Scalar(At(manifest, "settings", "event_subscriptions", "request_url")));
        Assert.Equal("false", Scalar(At(manifest, "settings", "socket_mode_enabled")));
    }

    [Fact]
    public void SocketModeManifest_EnablesSocketModeWithoutRequestUrls()
    {
        var manifest = Load("manifest.socket-mode.yaml");

        Assert.Equal("true", Scalar(At(manifest, "settings", "socket_mode_enabled")));
        Assert.False(Has(manifest, "settings", "interactivity", "request_url"));
        Assert.False(Has(manifest, "settings", "event_subscriptions", "request_url"));
    }
}
