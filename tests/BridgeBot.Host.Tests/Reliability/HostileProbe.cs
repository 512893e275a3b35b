namespace BridgeBot.Host.Tests.Reliability;

using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

/// <summary>
/// Sends raw bytes to one endpoint of an in-memory host, from loopback, and collects what went wrong: a 5xx, an
/// exception out of the host, or an error logged while handling.
/// </summary>
public sealed class HostileProbe(WebApplicationFactory<Program> factory, ErrorLog log)
{
    private readonly List<string> _failures = [];

    public IReadOnlyList<string> Failures => [.. _failures, .. log.Entries.Select(e => "logged error: " + e)];

    public async Task<int> SendAsync(string path, byte[] body, string contentType, Action<HttpRequest>? headers = null, string name = "")
    {
        try
        {
            var context = await factory.Server.SendAsync(c =>
            {
                c.Request.Method = HttpMethods.Post;
                var query = path.IndexOf('?', StringComparison.Ordinal);
                c.Request.Path = query < 0 ? path : path[..query];
                c.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
                c.Request.ContentType = contentType;
                c.Request.ContentLength = body.Length;
                c.Request.Body = new MemoryStream(body);
                c.Connection.RemoteIpAddress = IPAddress.Loopback;
                headers?.Invoke(c.Request);
            });
            var status = context.Response.StatusCode;
            if (status >= 500)
            {
                _failures.Add($"{path} {name}: {status}");
            }

            return status;
        }
        catch (Exception ex)
        {
            _failures.Add($"{path} {name}: {ex.GetType().Name}: {ex.Message}");
            return -1;
        }
    }

    public async Task<IReadOnlyList<int>> SendAllAsync(string path, IEnumerable<HostileBody> bodies, Func<byte[], Action<HttpRequest>?>? headers = null)
    {
        var statuses = new List<int>();
        foreach (var body in bodies)
        {
            statuses.Add(await SendAsync(path, body.Bytes, body.ContentType, headers?.Invoke(body.Bytes), body.Name));
        }

        return statuses;
    }
}
