namespace BridgeBot.Host.Tests;

/// <summary>Repeats an HTTP call until its answer says what the test waits for, within a deadline.</summary>
internal static class HttpPolling
{
    /// <summary>The first answer <paramref name="done"/> accepts, or the last one when <paramref name="timeout"/> has passed.</summary>
    public static async Task<HttpResponseMessage> PollAsync(
        Func<Task<HttpResponseMessage>> call, Func<HttpResponseMessage, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var response = await call();
            if (done(response) || DateTime.UtcNow > deadline)
            {
                return response;
            }

            await Task.Delay(200);
        }
    }
}
