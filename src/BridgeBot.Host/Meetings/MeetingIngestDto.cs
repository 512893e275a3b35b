namespace BridgeBot.Host.Meetings;

using System.Text.Json;
using System.Text.Json.Serialization;
using BridgeBot.Core.Meetings;

/// <summary>The body of <c>POST /api/meetings</c>: a meeting from a calendar BridgeBot does not watch itself.</summary>
internal sealed record MeetingIngestDto(
    string? Id,
    string? Source,
    string? Title,
    PersonDto? Organizer,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    List<AttendeeDto>? Attendees,
    string? JoinUrl,
    bool Cancelled,
    [property: JsonPropertyName("iCalUId")] string? ICalUId = null,
    string? SeriesId = null)
{
    /// <summary>The snapshot, or what is wrong with the body.</summary>
    public (MeetingSnapshot? Snapshot, IReadOnlyList<string> Errors) ToSnapshot()
    {
        var errors = new List<string>();
        Require(Id, "id", errors);
        Require(Title, "title", errors);
        Require(Organizer?.Email, "organizer.email", errors);
        if (Start is null)
        {
            errors.Add("start is required (ISO 8601 with offset, e.g. 2026-11-25T14:00:00Z).");
        }

        if (End is null)
        {
            errors.Add("end is required (ISO 8601 with offset).");
        }
        else if (Start is not null && End < Start)
        {
            errors.Add("end must not be before start.");
        }

        var attendees = new List<MeetingAttendee>();
        foreach (var (attendee, index) in (Attendees ?? []).Select((a, i) => (a, i)))
        {
            if (attendee is null)
            {
                errors.Add($"attendees[{index}] must be an object with an email.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(attendee.Email))
            {
                errors.Add($"attendees[{index}].email is required.");
                continue;
            }

            if (!Enum.TryParse<AttendeeResponse>(attendee.Response ?? "none", ignoreCase: true, out var response))
            {
                errors.Add($"attendees[{index}].response must be one of {string.Join(", ", Enum.GetNames<AttendeeResponse>())}.");
                continue;
            }

            attendees.Add(new MeetingAttendee(new MeetingPerson(attendee.Email.Trim(), attendee.Name), response));
        }

        if (ICalUId is { Length: > 1024 })
        {
            errors.Add("iCalUId must be at most 1024 characters.");
        }

        if (Source is { } source && (source.Length > 40 || source.Contains(':', StringComparison.Ordinal)))
        {
            errors.Add("source must be at most 40 characters without ':'.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var organizer = new MeetingPerson(Organizer!.Email!.Trim(), Organizer.Name, Organizer.DirectoryId);
        return (new MeetingSnapshot(Id!, string.IsNullOrWhiteSpace(Source) ? "api" : Source.Trim(), Title!, organizer, Start!.Value, End!.Value,
            attendees, string.IsNullOrWhiteSpace(JoinUrl) ? null : JoinUrl.Trim(), Cancelled)
        {
            ICalUId = string.IsNullOrWhiteSpace(ICalUId) ? null : ICalUId.Trim(),
            SeriesId = string.IsNullOrWhiteSpace(SeriesId) ? null : SeriesId.Trim(),
        }, errors);
    }

    private static void Require(string? value, string name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{name} is required.");
        }
    }
}

internal sealed record PersonDto(string? Email, string? Name, string? DirectoryId);

internal sealed record AttendeeDto(string? Email, string? Name, string? Response);

/// <summary>What <c>POST /api/meetings</c> answers.</summary>
internal sealed record MeetingIngestResult(string Key, bool Marketing, bool Covered, string? ProposedRep);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MeetingIngestDto))]
[JsonSerializable(typeof(MeetingIngestResult))]
[JsonSerializable(typeof(CoverageReport))]
internal sealed partial class MeetingsHostJsonContext : JsonSerializerContext;
