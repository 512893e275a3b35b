namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.State;

/// <summary>
/// The series of recurring meetings: which occurrence decides for the series, what it decided, and the index of the
/// occurrences a decision reaches. Kept, like the records, for <see cref="MeetingsOptions.RetainFor"/>.
/// </summary>
internal sealed class MeetingSeriesStore(IStateStore store, ISortedIndexStore index, MeetingsOptions options)
{
    private string Tenant => MeetingKeys.TenantOf(options);

    /// <summary>
    /// Makes <paramref name="meetingKey"/> the occurrence that decides for its series, unless another occurrence
    /// already does: returns the series' decision and whether this occurrence took it. Also lists the occurrence
    /// under its series (index first), so that a later decision reaches it.
    /// </summary>
    public async Task<(bool First, SeriesDecision Decision)> JoinAsync(string seriesId, string meetingKey, DateTimeOffset start,
        CancellationToken cancellationToken)
    {
        await index.AddAsync(MeetingKeys.SeriesOccurrences(Tenant, seriesId), meetingKey, start.ToUnixTimeMilliseconds(), start + options.RetainFor,
            cancellationToken);
        var key = MeetingKeys.Series(Tenant, seriesId);
        var claim = await store.WriteAsync(key, new SeriesDecision(meetingKey), MeetingsJsonContext.Default.SeriesDecision, ETagCondition.NotExists,
            options.RetainFor, cancellationToken);
        if (claim.Succeeded)
        {
            return (true, new SeriesDecision(meetingKey));
        }

        var stored = await store.ReadAsync(key, MeetingsJsonContext.Default.SeriesDecision, cancellationToken);
        return stored is null ? (true, new SeriesDecision(meetingKey)) : (stored.Value.FirstKey == meetingKey, stored.Value);
    }

    /// <summary>Stores what was decided for the series (compare-and-set, re-applied after a lost race).</summary>
    public async Task<SeriesDecision?> DecideAsync(string seriesId, Func<SeriesDecision?, SeriesDecision?> change, CancellationToken cancellationToken)
    {
        var key = MeetingKeys.Series(Tenant, seriesId);
        for (var attempt = 0; attempt < MeetingRepository.MaxAttempts; attempt++)
        {
            var stored = await store.ReadAsync(key, MeetingsJsonContext.Default.SeriesDecision, cancellationToken);
            if (change(stored?.Value) is not { } next)
            {
                return stored?.Value;
            }

            if ((await store.WriteAsync(key, next, MeetingsJsonContext.Default.SeriesDecision, ETagCondition.For(stored), options.RetainFor,
                    cancellationToken)).Succeeded)
            {
                return next;
            }
        }

        throw new InvalidOperationException($"Series {seriesId} lost {MeetingRepository.MaxAttempts} write races in a row.");
    }

    /// <summary>The keys of the series' occurrences starting from <paramref name="from"/>, earliest first, one page.</summary>
    public async Task<IReadOnlyList<string>> OccurrencesFromAsync(string seriesId, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var page = await index.RangeAsync(MeetingKeys.SeriesOccurrences(Tenant, seriesId),
            new IndexQuery(from.ToUnixTimeMilliseconds(), IndexQuery.Highest, MeetingRepository.PageSize), cancellationToken);
        return page.Entries.Select(e => e.Member).ToList();
    }
}
