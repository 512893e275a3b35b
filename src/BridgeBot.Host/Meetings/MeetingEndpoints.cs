namespace BridgeBot.Host.Meetings;

using System.Text.Json;
using BridgeBot.Core.Meetings;
using BridgeBot.Host.Api;

/// <summary>
/// <c>POST /api/meetings</c> (ingestion) and <c>GET /api/coverage</c> (dashboards), in the <c>/api</c> group (the
/// <c>Meetings:IngestApiKey</c> key or an Entra token); errors are problem details (<see cref="ApiProblems"/>).
/// </summary>
internal static class MeetingEndpoints
{
    public static async Task<IResult> IngestAsync(
        HttpContext context, MeetingsOptions options, MeetingTracker tracker, CancellationToken cancellationToken)
    {
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

    public static async Task<IResult> CoverageAsync(HttpContext context, CoverageLedger ledger, CancellationToken cancellationToken)
    {
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

    private static IResult Problem(string error, IReadOnlyList<string>? details = null) => ApiProblems.BadRequest(error, details);
}
