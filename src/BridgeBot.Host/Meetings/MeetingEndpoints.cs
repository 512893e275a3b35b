namespace BridgeBot.Host.Meetings;

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BridgeBot.Core.Meetings;

/// <summary><c>POST /api/meetings</c> (ingestion) and <c>GET /api/coverage</c> (dashboards), both behind <c>X-Api-Key</c>.</summary>
internal static class MeetingEndpoints
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static async Task<IResult> IngestAsync(
        HttpContext context, MeetingsOptions options, MeetingTracker tracker, CancellationToken cancellationToken)
    {
        if (!HasKey(context, options.IngestApiKey))
        {
            return Unauthorized();
        }

        MeetingIngestDto? dto;
        try
        {
            dto = await JsonSerializer.DeserializeAsync(context.Request.Body, MeetingsHostJsonContext.Default.MeetingIngestDto, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problem($"The body is not valid meeting JSON: {ex.Message}");
        }

        if (dto is null)
        {
            return Problem("The body is empty; send a meeting as JSON.");
        }

        var (snapshot, errors) = dto.ToSnapshot();
        if (snapshot is null)
        {
            return Problem("The meeting is incomplete.", errors);
        }

        var record = await tracker.ObserveAsync(snapshot, cancellationToken);
        return Results.Json(
            new MeetingIngestResult(record.Key, record.IsMarketing, record.HasIt(options), record.ProposedRep),
            MeetingsHostJsonContext.Default.MeetingIngestResult,
            statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>How many weeks up to the current one <c>GET /api/coverage</c> reports unless <c>?weeks=</c> says otherwise.</summary>
    public const int DefaultWeeks = 12;

    public static async Task<IResult> CoverageAsync(
        HttpContext context, MeetingsOptions options, CoverageLedger ledger, CancellationToken cancellationToken)
    {
        if (!HasKey(context, options.IngestApiKey))
        {
            return Unauthorized();
        }

        var weeks = DefaultWeeks;
        if (context.Request.Query.TryGetValue("weeks", out var asked) &&
            (!int.TryParse(asked, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out weeks) ||
             weeks is < 1 or > CoverageLedger.MaxWeeks))
        {
            return Problem($"weeks must be a whole number from 1 to {CoverageLedger.MaxWeeks}.");
        }

        var report = await ledger.ReportAsync(weeks, cancellationToken);
        return Results.Json(report, MeetingsHostJsonContext.Default.CoverageReport);
    }

    // Both sides are hashed first so that the comparison is constant-time and does not leak the key's length.
    private static bool HasKey(HttpContext context, string? configured)
    {
        if (string.IsNullOrEmpty(configured) || !context.Request.Headers.TryGetValue(ApiKeyHeader, out var presented) ||
            presented.Count != 1 || string.IsNullOrEmpty(presented[0]))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented[0]!)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
    }

    private static IResult Unauthorized() => Results.Json(
        new ProblemBody($"A valid {ApiKeyHeader} header is required (Meetings:IngestApiKey)."),
        MeetingsHostJsonContext.Default.ProblemBody,
        statusCode: StatusCodes.Status401Unauthorized);

    private static IResult Problem(string error, IReadOnlyList<string>? details = null) => Results.Json(
        new ProblemBody(error, details), MeetingsHostJsonContext.Default.ProblemBody, statusCode: StatusCodes.Status400BadRequest);
}
