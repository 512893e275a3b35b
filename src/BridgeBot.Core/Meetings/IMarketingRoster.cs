namespace BridgeBot.Core.Meetings;

/// <summary>
/// Who is on the marketing roster right now. The configured <see cref="MeetingsOptions.MarketingRoster"/> is the
/// default; a directory-backed implementation may add the members of a group and refresh them in the background.
/// </summary>
public interface IMarketingRoster
{
    /// <summary>
    /// The addresses (e-mail or UPN) of everyone on the roster, compared case-insensitively. Reading it never waits
    /// on a remote call: implementations hand out the last snapshot they have.
    /// </summary>
    IReadOnlyCollection<string> Members { get; }
}

/// <summary>The roster as configured in <see cref="MeetingsOptions.MarketingRoster"/>, nothing more.</summary>
internal sealed class ConfiguredMarketingRoster(MeetingsOptions options) : IMarketingRoster
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Members => options.MarketingRoster;
}
