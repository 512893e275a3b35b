namespace BridgeBot.Host.Tests.Teams;

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BridgeBot.Teams;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The real host, configured for a single-tenant bot whose Bot Framework side is <see cref="FakeBotFramework"/>.</summary>
public sealed class TeamsHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private TeamsHost(FakeBotFramework fake, WebApplicationFactory<Program> factory)
    {
        Fake = fake;
        _factory = factory;
        Client = factory.CreateClient();
    }

    public FakeBotFramework Fake { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    public WebApplicationFactory<Program> Factory => _factory;

    public static async Task<TeamsHost> StartAsync(Action<IServiceCollection>? services = null, Action<IWebHostBuilder>? configure = null)
    {
        var fake = await FakeBotFramework.StartAsync();
        var factory = new BridgeBotFactory().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Teams:AppId", FakeBotFramework.AppId);
            builder.UseSetting("Teams:AppPassword", "test-secret");
            builder.UseSetting("Teams:TenantId", FakeBotFramework.TenantId);
            builder.UseSetting("Teams:OpenIdMetadataUrl", fake.MetadataUrl);
            builder.UseSetting("Teams:EntraOpenIdMetadataUrl", fake.MetadataUrl);
            builder.UseSetting("Teams:TokenAuthority", "https://login.fake.test/{TenantId}");
            builder.UseSetting("Teams:RetryBaseDelay", "00:00:00.010");
            builder.ConfigureTestServices(s =>
            {
                s.AddHttpClient(TeamsHttpClients.Token).AddHttpMessageHandler(() => new LoopbackRedirectHandler(fake.Server.BaseUrl));
                services?.Invoke(s);
            });
            configure?.Invoke(builder);
        });
        return new TeamsHost(fake, factory);
    }

    /// <summary>Posts an activity with a valid Bot Connector token (or the given one; empty string for none).</summary>
    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null) => PostRawAsync(activity.ToJsonString(), token);

    public Task<HttpResponseMessage> PostRawAsync(string body, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        token ??= Fake.MintToken();
        if (token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Client.SendAsync(request);
    }

    /// <summary>Stops and disposes the host only (the fake keeps recording), as a deploy stops a replica.</summary>
    public ValueTask StopHostAsync() => _factory.DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await Fake.DisposeAsync();
    }
}

/// <summary>Activities as Teams sends them.</summary>
public static class Activities
{
    public const string UserId = "29:user-1";
    public const string ConversationId = "a:personal-conversation-1";

    public static JsonObject Message(string serviceUrl, string text, string? id = null) => Base("message", serviceUrl, id, new JsonObject
    {
        ["text"] = text,
        ["textFormat"] = "plain",
    });

    public static JsonObject Submit(string serviceUrl, JsonObject value, string replyToId) => Base("message", serviceUrl, null, new JsonObject
    {
        ["value"] = value,
        ["replyToId"] = replyToId,
    });

    public static JsonObject Execute(string serviceUrl, JsonObject data, string verb = "bb.form") => Base("invoke", serviceUrl, null, new JsonObject
    {
        ["name"] = "adaptiveCard/action",
        ["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        },
    });

    public static JsonObject BotAdded(string serviceUrl) => Base("conversationUpdate", serviceUrl, null, new JsonObject
    {
        ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = $"28:{FakeBotFramework.AppId}" }),
    });

    public static JsonObject Base(string type, string serviceUrl, string? id, JsonObject extra)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id ?? $"activity-{Guid.NewGuid():N}",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Mia Marketing", ["aadObjectId"] = "aad-user-1" },
            ["conversation"] = new JsonObject
            {
                ["id"] = ConversationId, ["conversationType"] = "personal", ["tenantId"] = FakeBotFramework.TenantId,
            },
            ["recipient"] = new JsonObject { ["id"] = $"28:{FakeBotFramework.AppId}", ["name"] = "BridgeBot" },
            ["locale"] = "en-US",
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = FakeBotFramework.TenantId } },
        };
        foreach (var (key, value) in extra.ToList())
        {
            extra.Remove(key);
            activity[key] = value;
        }

        return activity;
    }
}
