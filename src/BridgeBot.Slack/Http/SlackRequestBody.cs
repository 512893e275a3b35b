namespace BridgeBot.Slack.Http;

using Microsoft.AspNetCore.Http;

/// <summary>
/// Reads a request body once, as bytes (the signature covers the raw bytes), refusing more than
/// <see cref="MaxBytes"/> whether or not Content-Length was sent.
/// </summary>
internal static class SlackRequestBody
{
    /// <summary>Far above any Slack payload (a view_submission with a full 100-block modal is ~250 KB at most).</summary>
    public const int MaxBytes = 1024 * 1024;

    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is long declared)
        {
            if (declared > MaxBytes)
            {
                return null;
            }

            var exact = new byte[declared];
            try
            {
                await request.Body.ReadExactlyAsync(exact, ct);
            }
            catch (EndOfStreamException)
            {
                throw new BadHttpRequestException("The body is shorter than its Content-Length.", StatusCodes.Status400BadRequest);
            }

            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
