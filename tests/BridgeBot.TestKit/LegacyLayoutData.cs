namespace BridgeBot.TestKit;

using System.Text.Json;
using StackExchange.Redis;

/// <summary>
/// Loads keys written by the first storage layout (a JSON dump of <c>HGETALL</c> per key, as in
/// <c>tests/BridgeBot.State.Redis.Tests/Migration/legacy-layout-v1.json</c>) into a real Redis.
/// </summary>
public static class LegacyLayoutData
{
    /// <summary>Writes every key of the dump (or those <paramref name="only"/> accepts) as the old code stored it.</summary>
    public static async Task LoadAsync(IConnectionMultiplexer redis, string path, Func<string, bool>? only = null)
    {
        var keys = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(await File.ReadAllTextAsync(path))!;
        foreach (var (key, fields) in keys.Where(k => only?.Invoke(k.Key) ?? true))
        {
            await redis.GetDatabase().HashSetAsync(key, fields.Where(f => f.Key is "v" or "e").Select(f => new HashEntry(f.Key, f.Value)).ToArray());
        }
    }
}
