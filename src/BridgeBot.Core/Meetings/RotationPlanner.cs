namespace BridgeBot.Core.Meetings;

using System.Globalization;
using BridgeBot.Core.State;

/// <summary>Where the rotation stands: the last representative proposed and proposals per ISO week.</summary>
public sealed record RotationState(int LastIndex, Dictionary<string, int> WeeklyCounts)
{
    public static RotationState Initial => new(-1, []);

    internal static string CountKey(string week, string rep) => $"{week}|{rep.ToLowerInvariant()}";
}

/// <summary>
/// Proposes the IT representative for an uncovered meeting: fair round robin over the configured order, skipping
/// those who declined this meeting and those already at the weekly cap. Shared state, compare-and-set.
/// </summary>
public sealed class RotationPlanner(IStateStore store, MeetingsOptions options, TimeProvider time)
{

    /// <summary>The pure step: who comes next after <paramref name="state"/>, and the state after choosing them.</summary>
    public static (string Rep, RotationState Next)? Choose(
        RotationState state, IReadOnlyList<string> reps, IEnumerable<string> excluded, DateTimeOffset meetingStart, int weeklyCap)
    {
        var skip = new HashSet<string>(excluded, StringComparer.OrdinalIgnoreCase);
        var week = WeekOf(meetingStart);
        for (var step = 1; step <= reps.Count; step++)
        {
            var index = (state.LastIndex + step) % reps.Count;
            var rep = reps[index];
            var countKey = RotationState.CountKey(week, rep);
            var count = state.WeeklyCounts.GetValueOrDefault(countKey);
            if (skip.Contains(rep) || count >= weeklyCap)
            {
                continue;
            }

            var counts = new Dictionary<string, int>(state.WeeklyCounts) { [countKey] = count + 1 };
            return (rep, new RotationState(index, counts));
        }

        return null;
    }

    /// <summary>
    /// Drops the counts of weeks before <paramref name="thisWeek"/>: nobody is proposed for a past week again, so the
    /// state holds only the weeks ahead and stays small however long the rotation runs.
    /// </summary>
    public static RotationState Prune(RotationState state, string thisWeek)
    {
        if (state.WeeklyCounts.Keys.All(k => string.CompareOrdinal(k, thisWeek) >= 0))
        {
            return state;
        }

        return state with
        {
            WeeklyCounts = state.WeeklyCounts.Where(c => string.CompareOrdinal(c.Key, thisWeek) >= 0).ToDictionary(c => c.Key, c => c.Value),
        };
    }

    /// <summary>ISO week of an instant in UTC, e.g. <c>2026-W48</c>.</summary>
    public static string WeekOf(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(at.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(at.UtcDateTime):D2}");

    /// <summary>Proposes and records the next representative, or null when nobody is available.</summary>
    public async Task<string?> ProposeAsync(MeetingSnapshot meeting, IEnumerable<string> excluded, CancellationToken cancellationToken)
    {
        var settings = options;
        var skip = excluded.ToList();
        var key = MeetingKeys.Rotation(MeetingKeys.TenantOf(options));
        var thisWeek = WeekOf(time.GetUtcNow());
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var stored = await store.ReadAsync(key, MeetingsJsonContext.Default.RotationState, cancellationToken);
            var current = Prune(stored?.Value ?? RotationState.Initial, thisWeek);
            var choice = Choose(current, settings.ItRepresentatives, skip, meeting.Start, settings.WeeklyCap);
            if (choice is not { } chosen)
            {
                return null;
            }

            var write = await store.WriteAsync(
                key, chosen.Next, MeetingsJsonContext.Default.RotationState, ETagCondition.For(stored), null, cancellationToken);
            if (write.Succeeded)
            {
                return chosen.Rep;
            }
        }

        throw new InvalidOperationException("The rotation lost 50 write races in a row.");
    }
}
